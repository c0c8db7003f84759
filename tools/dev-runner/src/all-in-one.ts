// Runs several services in one process to save memory (`npm start -- --single-process`). Each argument is
// `PREFIX=<compiled main>`; the service reads the variables that carry its prefix, with the prefix removed.
const base = { ...process.env };
for (const arg of process.argv.slice(2)) {
  const [prefix, main] = arg.split('=', 2) as [string, string];
  for (const [key, value] of Object.entries(base)) {
    if (key.startsWith(prefix) && value !== undefined) process.env[key.slice(prefix.length)] = value;
  }
  await import(main);
}
