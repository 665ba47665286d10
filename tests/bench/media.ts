/**
 * Photo processing figures (issue 11): the time and the peak memory (max RSS) to turn a 12 MP JPEG into every
 * rendition (three crops × widths up to 1600 × AVIF and JPEG) with the production adapter, in a fresh child process
 * so the peak is the processor's own. The JPEG is made with sharp (noise, slightly blurred: photo-like detail, harder
 * for encoders than a gradient). `npx tsx tests/bench/media.ts` prints JSON lines; `measureMedia()` returns them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import sharp from 'sharp';
import * as z from 'zod/mini';
import { createSharpImageProcessor } from '../../functions/adapters/image/sharp-image-processor.js';
import { planRenditions } from '../../functions/domain/media-renditions.js';

const SELF = fileURLToPath(import.meta.url);

/** The child: processes the file once and reports time, renditions and peak RSS. */
const runChild = async (file: string): Promise<void> => {
  const bytes = readFileSync(file);
  const images = createSharpImageProcessor();
  const baselineMb = process.resourceUsage().maxRSS / 1024;
  const start = performance.now();
  await images.probe(bytes);
  const image = await images.decode(bytes);
  let written = 0;
  let count = 0;
  for (const plan of planRenditions(image.width, image.height, { x: 0.5, y: 0.5 })) {
    written += (await image.render(plan)).byteLength;
    count += 1;
  }
  const ms = performance.now() - start;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms, peakMb, baselineMb, count, written }));
};

export const measureMedia = async (): Promise<Record<string, unknown>[]> => {
  const dir = mkdtempSync(join(tmpdir(), 'newsroom-bench-media-'));
  try {
    const file = join(dir, 'photo-12mp.jpg');
    const jpeg = await sharp({
      create: {
        width: 4000,
        height: 3000,
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 128, sigma: 40 },
      },
    })
      .blur(1.5)
      .jpeg({ quality: 88 })
      .toBuffer();
    writeFileSync(file, jpeg);
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const out = execFileSync(process.execPath, ['--import', tsx, SELF, '--child', file], { encoding: 'utf8' });
    const r = z
      .object({ ms: z.number(), peakMb: z.number(), baselineMb: z.number(), count: z.number(), written: z.number() })
      .parse(JSON.parse(out));
    return [
      {
        figure: 'media.process.12mp',
        input: { width: 4000, height: 3000, bytes: jpeg.byteLength },
        renditions: r.count,
        renditionBytes: r.written,
        ms: Math.round(r.ms),
        peakRssMb: Math.round(r.peakMb),
        baselineRssMb: Math.round(r.baselineMb),
        note: 'one process, whatever core it gets on a shared machine: an upper bound',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

if (process.argv.includes('--child')) {
  await runChild(process.argv[process.argv.indexOf('--child') + 1] ?? '');
} else if (process.argv[1] === SELF) {
  for (const row of await measureMedia()) console.log(JSON.stringify(row));
}
