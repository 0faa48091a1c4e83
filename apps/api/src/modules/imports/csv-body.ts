import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { CsvText } from '../watchlist/csv-import.js';

/** Largest CSV file an import takes: 20 MB (the JSON body limit stays 1 MB). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** The 413 message for a CSV or XLSX file over {@link MAX_IMPORT_BYTES}. */
export const IMPORT_TOO_LARGE_MESSAGE =
  'The CSV file is larger than the limit of 20 MB (20,971,520 bytes); split it into several imports';

/**
 * Reads a `text/csv` request body as the bytes arrive, keeping them in the chunks received: no body parser collects
 * and decodes the whole (up to 20 MB) file in one piece on the event loop, and no copy of it is kept as `rawBody`;
 * the import's CSV reader decodes it cell by cell, in slices (see readCsvRecords). `Content-Encoding` gzip, deflate
 * and br are inflated; a `charset` other than UTF-8 is decoded once the body is complete (any label TextDecoder knows).
 * The limit counts the bytes after inflating, as body-parser did; a request over it is read to its end (and dropped)
 * before the 413 is answered, so the client sees the answer rather than a reset connection.
 * @param unsupported the 415 message when the body is not `text/csv`.
 * @returns the body: its chunks (UTF-8), or a string for another charset.
 * @throws UnsupportedMediaTypeException (415) when the body is not text/csv, or its charset or encoding is unknown;
 *   PayloadTooLargeException (413, `{ statusCode, error, message }` naming the 20 MB limit) over the limit;
 *   BadRequestException (400) when the request is aborted or its compressed body is corrupt.
 */
export async function readCsvBody(req: Request, unsupported: string): Promise<CsvText> {
  if (typeof req.is('text/csv') !== 'string') throw new UnsupportedMediaTypeException(unsupported);
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  let decoder: TextDecoder | null = null;
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    try {
      decoder = new TextDecoder(charset);
    } catch {
      drain(req);
      throw new UnsupportedMediaTypeException(`unsupported charset "${charset.toUpperCase()}"`);
    }
  }
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  const inflate =
    encoding === 'gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : null;
  if (!inflate && encoding !== 'identity') {
    drain(req);
    throw new UnsupportedMediaTypeException(`unsupported content encoding "${encoding}"`);
  }
  const declared = Number(req.headers['content-length']);
  let tooLarge = !inflate && declared > MAX_IMPORT_BYTES;
  const chunks: Buffer[] = [];
  let bytes = 0;
  const source: Readable = inflate ? req.pipe(inflate) : req;
  await new Promise<void>((resolve, reject) => {
    source.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      bytes += chunk.length;
      if (bytes > MAX_IMPORT_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    source.once('end', resolve);
    source.once('error', (error: Error) => {
      drain(req);
      reject(new BadRequestException(`The request body could not be read: ${error.message}`));
    });
    req.once('close', () => {
      if (!req.complete) reject(new BadRequestException('The request was aborted before its body was complete'));
    });
  });
  if (tooLarge)
    throw new PayloadTooLargeException({
      statusCode: 413,
      error: 'Payload Too Large',
      message: IMPORT_TOO_LARGE_MESSAGE,
    });
  return decoder ? decoder.decode(Buffer.concat(chunks)) : chunks;
}

/** Reads the rest of a request body and drops it (an answer sent before the body is read could reset the connection). */
function drain(req: Request): void {
  req.resume();
}
