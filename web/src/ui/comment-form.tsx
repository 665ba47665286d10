import { useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { useI18n } from '../i18n/i18n.js';
import type { ArticleEvent } from '../../../functions/contract/responses.js';
import { ErrorMessage } from './error-message.js';
import { HistoryList } from './history-list.js';
import { useAction } from './use-article.js';

/** Comments and the story's history in one timeline, with a form to add a comment. */
export const HistorySection = ({
  articleId,
  events,
  timeZone,
  onCommented,
}: {
  articleId: string;
  events: readonly ArticleEvent[];
  timeZone?: string;
  onCommented: () => void;
}) => {
  const { api } = useApp();
  const { t } = useI18n();
  const [text, setText] = useState('');
  const action = useAction();
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const ok = await action.run(async () => {
      await api.comment(articleId, text.trim());
    });
    if (ok) {
      setText('');
      onCommented();
    }
  };
  return (
    <section class="panel" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('history.heading')}</h2>
      <form class="stack" onSubmit={(e) => void submit(e)}>
        <label for="comment-text" class="field-label">
          {t('comment.label')}
        </label>
        <textarea
          id="comment-text"
          class="comment-input"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <div class="actions">
          <button type="submit" class="button" disabled={action.busy || text.trim() === ''}>
            {t('comment.add')}
          </button>
        </div>
        <ErrorMessage error={action.error} />
      </form>
      <HistoryList events={events} timeZone={timeZone} />
    </section>
  );
};
