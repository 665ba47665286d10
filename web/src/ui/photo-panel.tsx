import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages-ru.js';
import { ACCEPTED_IMAGE_TYPES, MEDIA_LIMITS } from '../../../functions/contract/media-vocabulary.js';
import { ApiError } from '../lib/api.js';
import { insertImageReference, leadImageOf, setLeadImage } from '../lib/draft-images.js';
import {
  cropPosition,
  decideSurface,
  focalFromClick,
  nudgeFocal,
  originalToSurface,
  surfaceToOriginal,
  type FocalPoint,
} from '../lib/focal.js';
import type { Media, MediaApi } from '../lib/media-api.js';
import { checkImageFile, isSettled, pickRendition, pollUntilSettled, sendUpload } from '../lib/upload.js';
import { ErrorMessage } from './error-message.js';
import './photo-panel.css';

/**
 * The photo panel (issue 11 §7), beside the editor's text: drop, paste or choose photographs; each uploads with a
 * progress bar, then waits for processing; my recent photographs in a grid; the chosen one's alt text, caption,
 * credit and focal point, with its three crops shown live; buttons to make it the lead image or insert it at the
 * cursor. It edits the story through the editor's textarea (`textareaId`), as typing would.
 */

interface Upload {
  key: number;
  name: string;
  percent: number;
  phase: 'uploading' | 'processing' | 'done' | 'failed' | 'slow';
  error?: unknown;
  media?: Media;
}

const failureKey = (media: Media): MessageKey => {
  const key = `media.failure.${media.error?.code ?? 'processing_failed'}`;
  return isFailureKey(key) ? key : 'media.failure.processing_failed';
};
const FAILURE_KEYS = new Set<string>([
  'media.failure.not_an_image',
  'media.failure.unsupported_format',
  'media.failure.truncated',
  'media.failure.too_many_pixels',
  'media.failure.too_large',
  'media.failure.processing_failed',
]);
const isFailureKey = (key: string): key is MessageKey => FAILURE_KEYS.has(key);

/** A full-frame preview of a local file, drawn small (the server keeps only crops). undefined if it cannot decode. */
const drawLocalPreview = async (file: File): Promise<string | undefined> => {
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, 960 / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    return canvas.toDataURL('image/jpeg', 0.85);
  } catch {
    return undefined;
  }
};

/** Rendition bytes by URL, fetched once through the authenticated path. */
const useDataUrl = (media: MediaApi, url: string | undefined): string | undefined => {
  const [data, setData] = useState<{ url: string; data: string } | undefined>();
  useEffect(() => {
    if (!url) return undefined;
    let live = true;
    media
      .fetchAsDataUrl(url)
      .then((value) => live && setData({ url, data: value }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [media, url]);
  return data && data.url === url ? data.data : undefined;
};

/** Change the editor's text as typing would: the editor hears an input event and saves as usual. */
const editTextarea = (id: string, edit: (text: string, cursor: number) => { text: string; cursor: number }): void => {
  const field = document.getElementById(id);
  if (!(field instanceof HTMLTextAreaElement)) return;
  const result = edit(field.value, field.selectionEnd);
  field.value = result.text;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.focus();
  field.setSelectionRange(result.cursor, result.cursor);
};

export const PhotoPanel = ({ textareaId }: { textareaId: string }) => {
  const { media } = useApp();
  const { t } = useI18n();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [mine, setMine] = useState<Media[] | undefined>();
  const [listError, setListError] = useState<unknown>();
  const [selected, setSelected] = useState<string | undefined>();
  const [dragging, setDragging] = useState(false);
  const originals = useRef(new Map<string, string>());
  const nextKey = useRef(0);

  const refresh = (): void => {
    media
      .listMine()
      .then((items) => {
        setMine(items);
        setListError(undefined);
      })
      .catch(setListError);
  };
  useEffect(refresh, [media]);

  const patch = (key: number, change: Partial<Upload>): void =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));

  const upload = async (file: File): Promise<void> => {
    const key = (nextKey.current += 1);
    setUploads((list) => [{ key, name: file.name, percent: 0, phase: 'uploading' }, ...list]);
    const refused = checkImageFile(file);
    if (refused) {
      patch(key, { phase: 'failed', error: refused });
      return;
    }
    try {
      const created = await media.create({ filename: file.name, contentType: file.type, size: file.size });
      const preview = await drawLocalPreview(file);
      if (preview) originals.current.set(created.media.id, preview);
      await sendUpload(created.upload, file, { onProgress: (percent) => patch(key, { percent }) });
      patch(key, { phase: 'processing', percent: 100, media: created.media });
      const settled = await pollUntilSettled(media, created.media.id, { onRead: (m) => patch(key, { media: m }) });
      if (!settled) patch(key, { phase: 'slow' });
      else if (settled.status === 'failed') patch(key, { phase: 'failed', media: settled });
      else {
        patch(key, { phase: 'done', media: settled });
        setSelected(settled.id);
      }
      refresh();
    } catch (error) {
      patch(key, { phase: 'failed', error });
    }
  };

  const uploadAll = (files: Iterable<File>): void => {
    for (const file of files) void upload(file);
  };

  // Paste anywhere on the editor screen: image files on the clipboard are uploaded, text pastes as usual.
  useEffect(() => {
    const onPaste = (event: ClipboardEvent): void => {
      const files = [...(event.clipboardData?.files ?? [])].filter((f) => f.type.startsWith('image/'));
      if (files.length === 0) return;
      event.preventDefault();
      uploadAll(files);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [media]);

  const chosen = mine?.find((m) => m.id === selected) ?? uploads.find((u) => u.media?.id === selected)?.media;

  return (
    <section class="panel photo-panel" aria-labelledby="photos-heading">
      <h2 id="photos-heading">{t('photos.heading')}</h2>
      <div
        class={dragging ? 'dropzone dragging' : 'dropzone'}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          uploadAll(e.dataTransfer?.files ?? []);
        }}
      >
        <span>{t('photos.drop')} </span>
        <label class="link-button file-choice">
          {t('photos.choose')}
          <input
            type="file"
            class="visually-hidden"
            accept={ACCEPTED_IMAGE_TYPES.join(',')}
            multiple
            onChange={(e) => {
              uploadAll(e.currentTarget.files ?? []);
              e.currentTarget.value = '';
            }}
          />
        </label>
      </div>

      {uploads.length ? (
        <ul class="uploads">
          {uploads.map((u) => (
            <UploadRow key={u.key} upload={u} />
          ))}
        </ul>
      ) : null}

      <h3>{t('photos.mine')}</h3>
      <ErrorMessage error={listError} />
      {mine && mine.length === 0 ? <p class="muted">{t('photos.empty')}</p> : null}
      {mine?.length ? (
        <ul class="photo-grid">
          {mine.map((m) => (
            <li key={m.id}>
              <GridItem media={m} selected={m.id === selected} onSelect={() => setSelected(m.id)} />
            </li>
          ))}
        </ul>
      ) : null}

      {chosen ? (
        <PhotoEditor
          key={chosen.id}
          media={chosen}
          original={originals.current.get(chosen.id)}
          onSaved={(m) => setMine((list) => list?.map((x) => (x.id === m.id ? m : x)))}
          onMakeLead={() => editTextarea(textareaId, (text) => ({ text: setLeadImage(text, chosen.id), cursor: 0 }))}
          onInsert={(alt) =>
            editTextarea(textareaId, (text, cursor) => insertImageReference(text, cursor, alt, chosen.id))
          }
          isLead={() => {
            const field = document.getElementById(textareaId);
            return field instanceof HTMLTextAreaElement && leadImageOf(field.value) === chosen.id;
          }}
        />
      ) : null}
    </section>
  );
};

const UploadRow = ({ upload }: { upload: Upload }) => {
  const { t } = useI18n();
  const id = `upload-${upload.key}`;
  const failed = upload.phase === 'failed';
  return (
    <li class="upload">
      <label for={id}>{t('photos.uploading', { name: upload.name })}</label>
      <div class="progress-row">
        <progress
          id={id}
          max={100}
          value={upload.percent}
          aria-valuetext={t('photos.percent', { percent: upload.percent })}
        />
        <span aria-hidden="true">{t('photos.percent', { percent: upload.percent })}</span>
      </div>
      <p class="muted" role="status">
        {upload.phase === 'processing'
          ? t('photos.processing')
          : upload.phase === 'done'
            ? t('photos.ready')
            : upload.phase === 'slow'
              ? t('photos.stillProcessing')
              : ''}
      </p>
      {failed && upload.media?.status === 'failed' ? (
        <div class="error" role="alert">
          <strong>{t(failureKey(upload.media))}</strong>
        </div>
      ) : failed && upload.error instanceof ApiError && upload.error.code === 'upload_failed' ? (
        <div class="error" role="alert">
          <strong>{t('photos.uploadFailed')}</strong>
        </div>
      ) : failed ? (
        <ErrorMessage error={upload.error} />
      ) : null}
    </li>
  );
};

const GridItem = ({ media: item, selected, onSelect }: { media: Media; selected: boolean; onSelect: () => void }) => {
  const { media } = useApp();
  const { t } = useI18n();
  const thumb = useDataUrl(media, pickRendition(item, '1:1', 160)?.url);
  const label = item.alt.trim() || t('photos.untitled');
  return (
    <button type="button" class="photo-thumb" aria-pressed={selected} onClick={onSelect} title={label}>
      {thumb ? <img src={thumb} alt={label} width={80} height={80} /> : <span class="thumb-box">{label}</span>}
      {item.status !== 'ready' ? (
        <span class="badge">{item.status === 'failed' ? t('photos.failed') : t('photos.processing')}</span>
      ) : null}
    </button>
  );
};

interface EditorProps {
  media: Media;
  original: string | undefined;
  onSaved: (media: Media) => void;
  onMakeLead: () => void;
  onInsert: (alt: string) => void;
  isLead: () => boolean;
}

const PhotoEditor = ({ media: item, original, onSaved, onMakeLead, onInsert, isLead }: EditorProps) => {
  const { media } = useApp();
  const { t } = useI18n();
  const [alt, setAlt] = useState(item.alt);
  const [caption, setCaption] = useState(item.caption);
  const [credit, setCredit] = useState(item.credit);
  const [focal, setFocal] = useState<FocalPoint>(item.focalPoint);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [lead, setLead] = useState(isLead);
  const surface = decideSurface(item, original !== undefined);
  const surfaceRendition = surface.ratio ? pickRendition(item, surface.ratio, 640) : undefined;
  const fetched = useDataUrl(media, original ? undefined : surfaceRendition?.url);
  const picture = original ?? fetched;
  const onSurface = originalToSurface(focal, surface, item.width, item.height);
  const ready = item.status === 'ready';
  const altMissing = alt.trim() === '';

  const save = async (): Promise<void> => {
    if (altMissing) {
      setError(undefined);
      return;
    }
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      const updated = await media.update(item.id, {
        version: item.version,
        alt: alt.trim(),
        caption: caption.trim(),
        credit: credit.trim(),
        focalPoint: focal,
      });
      onSaved(updated);
      setSaved(true);
      // A new focal point is cropped again by the processor: follow it until the new renditions are there.
      if (!isSettled(updated)) void pollUntilSettled(media, item.id, { onRead: onSaved }).catch(() => undefined);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const ids = { alt: `photo-alt-${item.id}`, count: `photo-alt-count-${item.id}`, hint: `photo-focal-hint-${item.id}` };
  return (
    <div class="photo-editor" aria-label={t('photos.edit')} role="group">
      <div class="focal">
        <h3>{t('photos.focal')}</h3>
        <p id={ids.hint} class="muted">
          {t('photos.focalHint')}
        </p>
        <div
          class="focal-surface"
          tabIndex={0}
          role="group"
          aria-label={t('photos.focal')}
          aria-describedby={ids.hint}
          onClick={(e) => {
            const box = e.currentTarget.getBoundingClientRect();
            const point = focalFromClick(e.clientX, e.clientY, box);
            setFocal(surfaceToOriginal(point, surface, item.width, item.height));
            setSaved(false);
          }}
          onKeyDown={(e) => {
            const moved = nudgeFocal(onSurface, e.key, e.shiftKey);
            if (!moved) return;
            e.preventDefault();
            setFocal(surfaceToOriginal(moved, surface, item.width, item.height));
            setSaved(false);
          }}
        >
          {picture ? <img src={picture} alt={alt} /> : <span class="thumb-box" />}
          <span
            class="focal-marker"
            aria-hidden="true"
            style={{ left: `${onSurface.x * 100}%`, top: `${onSurface.y * 100}%` }}
          />
        </div>
        <p class="muted" role="status">
          {t('photos.focalValue', { x: Math.round(focal.x * 100), y: Math.round(focal.y * 100) })}
        </p>
        <h3>{t('photos.crops')}</h3>
        <div class="crops">
          {(['16:9', '4:3', '1:1'] as const).map((ratio) => (
            <figure key={ratio} class={`crop crop-${ratio.replace(':', 'x')}`}>
              {picture ? (
                <img src={picture} alt="" style={{ objectPosition: cropPosition(onSurface) }} />
              ) : (
                <span class="thumb-box" />
              )}
              <figcaption>{t('photos.crop', { ratio })}</figcaption>
            </figure>
          ))}
        </div>
      </div>

      <div class="stack">
        <label for={ids.alt} class="field-label">
          {t('photos.alt')}
        </label>
        <textarea
          id={ids.alt}
          class="comment-input"
          required
          maxLength={MEDIA_LIMITS.altCharacters}
          aria-describedby={ids.count}
          aria-invalid={altMissing}
          value={alt}
          onInput={(e) => {
            setAlt(e.currentTarget.value);
            setSaved(false);
          }}
        />
        <span id={ids.count} class="muted">
          {t('photos.altCount', { count: alt.length, max: MEDIA_LIMITS.altCharacters })}
        </span>
        {altMissing ? (
          <p class="field-error" role="alert">
            {t('photos.altRequired')}
          </p>
        ) : null}
        <label for={`photo-caption-${item.id}`} class="field-label">
          {t('photos.caption')}
        </label>
        <textarea
          id={`photo-caption-${item.id}`}
          class="comment-input"
          maxLength={MEDIA_LIMITS.captionCharacters}
          value={caption}
          onInput={(e) => {
            setCaption(e.currentTarget.value);
            setSaved(false);
          }}
        />
        <label for={`photo-credit-${item.id}`} class="field-label">
          {t('photos.credit')}
        </label>
        <input
          id={`photo-credit-${item.id}`}
          class="text-field"
          maxLength={MEDIA_LIMITS.creditCharacters}
          value={credit}
          onInput={(e) => {
            setCredit(e.currentTarget.value);
            setSaved(false);
          }}
        />
        <div class="actions">
          <button type="button" class="button primary" disabled={busy || altMissing} onClick={() => void save()}>
            {busy ? t('common.working') : t('photos.save')}
          </button>
          <button
            type="button"
            class="button"
            disabled={!ready}
            onClick={() => {
              onMakeLead();
              setLead(true);
            }}
          >
            {t('photos.makeLead')}
          </button>
          <button type="button" class="button" disabled={!ready} onClick={() => onInsert(alt)}>
            {t('photos.insert')}
          </button>
        </div>
        <p class="muted" role="status">
          {saved ? t('photos.saved') : !ready ? t('photos.notReady') : ''}
        </p>
        {lead ? <p class="muted">{t('photos.isLead')}</p> : null}
        {item.status === 'failed' ? (
          <div class="error" role="alert">
            <strong>{t(failureKey(item))}</strong>
          </div>
        ) : null}
        <ErrorMessage error={error} />
      </div>
    </div>
  );
};
