import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/** Hashes and checks passwords. Behind an interface so tests could swap it; production uses argon2id. */
export abstract class PasswordHasher {
  /** @returns a PHC string (`$argon2id$v=19$m=…`). */
  abstract hash(password: string): Promise<string>;
  /** @returns whether `password` matches `phc`; false (never throws) for a malformed hash. */
  abstract verify(phc: string, password: string): Promise<boolean>;
}

/** Algorithm.Argon2id in @node-rs/argon2 (a const enum, which isolated-module compilers cannot inline). */
const ARGON2ID = 2;

/**
 * argon2id via @node-rs/argon2 with OWASP's recommended minimum (Password Storage Cheat Sheet: m = 19 MiB, t = 2,
 * p = 1).
 */
@Injectable()
export class Argon2PasswordHasher extends PasswordHasher {
  hash(password: string): Promise<string> {
    return hash(password, { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 });
  }

  async verify(phc: string, password: string): Promise<boolean> {
    try {
      return await verify(phc, password);
    } catch {
      return false;
    }
  }
}
