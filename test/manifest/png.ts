/**
 * Minimal PNG reader for the icon tests: reads the IHDR header and decodes 8-bit RGBA,
 * non-interlaced images (the only kind the app icons use) into raw pixels.
 */
import zlib from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const RGBA = 6;
const BYTES_PER_PIXEL = 4;

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
}

export interface RgbaImage {
  width: number;
  height: number;
  /** width * height * 4 bytes, row by row. */
  pixels: Buffer;
}

interface Chunk {
  type: string;
  data: Buffer;
}

function chunks(png: Buffer): Chunk[] {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');
  const found: Chunk[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    found.push({ type, data: png.subarray(offset + 8, offset + 8 + length) });
    offset += 12 + length; // length + type + data + CRC
  }
  return found;
}

export function readHeader(png: Buffer): PngHeader {
  const ihdr = chunks(png)[0];
  if (ihdr?.type !== 'IHDR') throw new Error('PNG does not start with IHDR');
  return {
    width: ihdr.data.readUInt32BE(0),
    height: ihdr.data.readUInt32BE(4),
    bitDepth: ihdr.data[8],
    colorType: ihdr.data[9],
    interlace: ihdr.data[12],
  };
}

function paeth(left: number, up: number, upLeft: number): number {
  const p = left + up - upLeft;
  const dLeft = Math.abs(p - left);
  const dUp = Math.abs(p - up);
  const dUpLeft = Math.abs(p - upLeft);
  if (dLeft <= dUp && dLeft <= dUpLeft) return left;
  return dUp <= dUpLeft ? up : upLeft;
}

export function decodeRgba(png: Buffer): RgbaImage {
  const { width, height, bitDepth, colorType, interlace } = readHeader(png);
  if (bitDepth !== 8 || colorType !== RGBA || interlace !== 0) {
    throw new Error(`unsupported PNG: bit depth ${bitDepth}, colour type ${colorType}, interlace ${interlace}`);
  }
  const idat = Buffer.concat(chunks(png).filter((c) => c.type === 'IDAT').map((c) => c.data));
  const filtered = zlib.inflateSync(idat);
  const stride = width * BYTES_PER_PIXEL;
  const pixels = Buffer.alloc(stride * height);

  // Undo the per-row filter (PNG spec, section 9) against the already reconstructed bytes.
  for (let y = 0; y < height; y++) {
    const filter = filtered[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const raw = filtered[y * (stride + 1) + 1 + i];
      const left = i >= BYTES_PER_PIXEL ? pixels[y * stride + i - BYTES_PER_PIXEL] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + i] : 0;
      const upLeft = y > 0 && i >= BYTES_PER_PIXEL ? pixels[(y - 1) * stride + i - BYTES_PER_PIXEL] : 0;
      let predictor: number;
      switch (filter) {
        case 0: predictor = 0; break;
        case 1: predictor = left; break;
        case 2: predictor = up; break;
        case 3: predictor = Math.floor((left + up) / 2); break;
        case 4: predictor = paeth(left, up, upLeft); break;
        default: throw new Error(`bad PNG filter type ${filter} on row ${y}`);
      }
      pixels[y * stride + i] = (raw + predictor) & 0xff;
    }
  }
  return { width, height, pixels };
}
