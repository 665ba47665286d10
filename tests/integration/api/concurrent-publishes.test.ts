import { describe, expect, it } from 'vitest';
import type { Article } from '../../../functions/domain/article.js';
import { reconcileSiteIndexes } from '../../../functions/use-cases/reconcile-site-indexes.js';
import { INDEX_LIMITS } from '../../../functions/use-cases/rebuild-site-indexes.js';
import { missingListings, prepareStory, publishStory, settle, type Desk } from '../support/site-listings.js';
import { startTestNewsroom } from '../support/test-newsroom.js';

const ROUNDS = 4;
const PER_ROUND = 10;

describe('concurrent publishes (issue 9: no story is ever left unlisted)', () => {
  it(`${PER_ROUND} publishes at once across two desks, ${ROUNDS} rounds: every story listed everywhere it belongs`, async () => {
    const n = await startTestNewsroom();
    const problems: string[] = [];
    n.app.log = {
      info: (message) => {
        if (message.startsWith('site index reconcile')) problems.push(message);
      },
      error: (message) => void problems.push(message),
    };
    const rounds: Article[][] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      // Each round a minute later, so the front page's newest 30 are well defined (stories of one round tie).
      n.clock.advance(60_000);
      const stories = [];
      for (let i = 0; i < PER_ROUND; i += 1) {
        const desk: Desk = i % 2 === 0 ? 'politics' : 'world';
        stories.push(
          await prepareStory(
            n,
            desk,
            `Round ${round} story ${i} ${desk}`,
            i % 4 < 2 ? 'demo-reporter' : 'demo-reporter-2',
          ),
        );
      }

      await Promise.all(stories.map((s) => publishStory(n, s)));
      rounds.push(
        await settle(
          n,
          stories.map((s) => s.id),
        ),
      );

      // Newest first: a round owes the front page its stories while they fit in its 30 places.
      const owed = new Set<string>();
      let newer = 0;
      for (const r of [...rounds].reverse()) {
        if (newer + r.length <= INDEX_LIMITS.frontPage) r.forEach((a) => owed.add(a.id));
        newer += r.length;
      }
      const missing = await missingListings(n, rounds.flat(), (a) => owed.has(a.id));
      expect(missing, `after round ${round}`).toEqual([]);
    }
    // The marks alone listed everything: the reconcile finds nothing to redo, and no mark was given up.
    expect(await reconcileSiteIndexes(n.app)()).toEqual({ enqueued: 0, rebuilt: false });
    expect(problems).toEqual([]);
  }, 300_000);
});
