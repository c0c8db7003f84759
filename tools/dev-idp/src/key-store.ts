import { randomBytes } from 'node:crypto';
import path from 'node:path';

import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { z } from 'zod';

import { readJsonFile, writeJsonFile } from './json-file.js';

// Signing keys are generated at first start and kept in the data dir (never in the repo). The newest
// key signs; older ones stay in the JWKS so tokens they signed still verify until they expire.

export const keysFileName = 'keys.json';
// The newest signs; two older keys keep verifying (longer than any token or refresh lifetime here).
const keysKept = 3;

const privateJwkSchema = z
  .object({ kty: z.literal('RSA'), kid: z.string().min(1), alg: z.literal('RS256'), use: z.literal('sig') })
  .catchall(z.unknown());
const keysFileSchema = z.object({
  version: z.literal(1),
  signingKeys: z.array(privateJwkSchema).min(1),
  cookieKeys: z.array(z.string().min(32)).min(1),
});

export type ProviderKeys = { signingKeys: JWK[]; cookieKeys: string[] };

async function newSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' };
}

export async function loadOrCreateKeys(dataDir: string): Promise<ProviderKeys> {
  const file = path.join(dataDir, keysFileName);
  const raw = await readJsonFile(file);
  if (raw !== undefined) {
    const parsed = keysFileSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`The key file ${file} is not valid; move it away to generate new keys`);
    return { signingKeys: parsed.data.signingKeys as JWK[], cookieKeys: parsed.data.cookieKeys };
  }
  const keys = { signingKeys: [await newSigningKey()], cookieKeys: [randomBytes(32).toString('base64url')] };
  await writeJsonFile(file, { version: 1, ...keys });
  return keys;
}

export async function rotateSigningKey(dataDir: string, current: ProviderKeys): Promise<ProviderKeys> {
  const keys = { ...current, signingKeys: [await newSigningKey(), ...current.signingKeys].slice(0, keysKept) };
  await writeJsonFile(path.join(dataDir, keysFileName), { version: 1, ...keys });
  return keys;
}

export function publicJwks(keys: ProviderKeys): { keys: JWK[] } {
  return {
    keys: keys.signingKeys.map(({ kty, kid, alg, use, n, e }) => ({ kty, kid, alg, use, n, e })),
  };
}
