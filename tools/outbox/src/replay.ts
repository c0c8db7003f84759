import { ConfigError } from '@kinerja/platform/config';
import { replayOutbox } from '@kinerja/platform/messaging';
import { parseReplayArgs, usage, UsageError } from './replay-args.js';

// The operator's replay (docs: tools/outbox/README.md).

try {
  const options = parseReplayArgs(process.argv.slice(2), process.env);
  const count = await replayOutbox(options);
  console.log(
    `${count} published event(s) of ${options.service} created from ${options.from.toISOString()} to ${options.to.toISOString()} ` +
      'marked for re-publishing; the running relay of the service publishes them again.',
  );
} catch (error) {
  if (error instanceof UsageError || error instanceof ConfigError) {
    console.error(`${error.message}\n\n${usage}`);
    process.exitCode = 2;
  } else {
    console.error(`Replay failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
