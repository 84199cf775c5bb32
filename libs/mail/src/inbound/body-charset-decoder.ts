import libmime from 'libmime';
import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * How mailparser decodes a text body from the charset its part declares (its `Iconv` option):
 * as libmime does for every charset libmime knows, and for one it does not ("unknown-8bit",
 * "x-user-defined", a misspelt name), as UTF-8 when the bytes are UTF-8, else as Windows-1252,
 * which is what an old mail program that names no proper charset most often wrote. libmime alone
 * would read those bytes as UTF-8 and turn every accented letter and curly quote into "�".
 */
export class BodyCharsetDecoder extends Transform {
  private readonly known: Transform | null;
  private readonly held: Buffer[] = [];

  constructor(charset: string) {
    super();
    const decoder = libmime.createDecodeStream(charset);
    this.known = decoder.supported ? decoder : null;
    this.known?.on('data', (chunk: Buffer) => this.push(chunk));
    this.known?.on('error', (error: Error) => this.destroy(error));
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.known) this.known.write(chunk, done);
    else {
      this.held.push(chunk);
      done();
    }
  }

  override _flush(done: TransformCallback): void {
    if (this.known) {
      this.known.once('end', () => done());
      this.known.end();
      return;
    }
    const bytes = Buffer.concat(this.held);
    if (isUtf8(bytes)) return done(null, bytes);
    const windows1252 = libmime.createDecodeStream('windows-1252');
    const decoded: Buffer[] = [];
    windows1252.on('data', (chunk: Buffer) => decoded.push(chunk));
    windows1252.once('end', () => done(null, Buffer.concat(decoded)));
    windows1252.once('error', done);
    windows1252.end(bytes);
  }
}
