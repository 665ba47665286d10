import { useMemo } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.js';
import { buildWordDiff, collapseUnchanged } from '../lib/text-diff.js';

/** Word-level diff: deletions struck through, insertions underlined, with a text legend (not colour alone). */
export const DiffView = ({
  before,
  after,
  deletedLabel,
  insertedLabel,
}: {
  before: string;
  after: string;
  deletedLabel: string;
  insertedLabel: string;
}) => {
  const { t } = useI18n();
  const diff = useMemo(() => buildWordDiff(before, after), [before, after]);
  const segments = useMemo(() => collapseUnchanged(diff.segments), [diff]);
  if (diff.insertedWords === 0 && diff.deletedWords === 0 && before === after) {
    return <p class="muted">{t('diff.none')}</p>;
  }
  return (
    <div class="diff">
      <p class="diff-legend">
        <del>{deletedLabel}</del> <ins>{insertedLabel}</ins>{' '}
        <span class="muted">{t('diff.counts', { added: diff.insertedWords, removed: diff.deletedWords })}</span>
      </p>
      {/* Scrollable, so it takes focus: keyboard users scroll it with the arrow keys. */}
      <div class="diff-body" tabIndex={0} role="region" aria-label={t('diff.label')}>
        {segments.map((s, i) =>
          s.op === 'insert' ? (
            <ins key={i}>{s.text}</ins>
          ) : s.op === 'delete' ? (
            <del key={i}>{s.text}</del>
          ) : s.op === 'gap' ? (
            <span key={i} class="diff-gap">
              {t('diff.gap', { words: s.text })}
            </span>
          ) : (
            <span key={i}>{s.text}</span>
          ),
        )}
      </div>
    </div>
  );
};
