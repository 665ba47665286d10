/**
 * The interface in Russian: the default language and the source catalogue. Every other catalogue is typed against
 * these keys, so a missing translation fails to compile (and tests/unit/web checks placeholders match).
 */
export const ru = {
  'app.title': 'Редакция',
  'nav.label': 'Разделы',
  'nav.skip': 'К содержимому',
  'nav.mine': 'Мои материалы',
  'nav.new': 'Новый материал',
  'nav.queue': 'Очередь: {desk}',
  'nav.signOut': 'Выйти',

  'common.loading': 'Загрузка…',
  'common.working': 'Выполняется…',
  'common.untitled': 'Без заголовка',

  'signIn.heading': 'Вход в редакцию',
  'signIn.localIntro': 'Локальный стенд: выберите демо-пользователя.',
  'signIn.cognitoIntro': 'Войдите с учётной записью редакции.',
  'signIn.cognitoButton': 'Войти',
  'signIn.expired': 'Сеанс истёк. Войдите снова; несохранённый текст остался в этом браузере.',
  'signIn.role.reporter': 'корреспондент',
  'signIn.role.editor': 'редактор отдела',
  'signIn.role.chief': 'главный редактор',

  'status.draft': 'Черновик',
  'status.submitted': 'На рассмотрении',
  'status.changes_requested': 'Нужна доработка',
  'status.approved': 'Одобрен',
  'status.scheduled': 'Запланирован',
  'status.published': 'Опубликован',
  'status.unpublished': 'Снят с публикации',

  'list.title': 'Заголовок',
  'list.status': 'Статус',
  'list.desk': 'Отдел',
  'list.author': 'Автор',
  'list.updated': 'Изменён',
  'list.publishAt': 'Публикация',
  'list.more': 'Показать ещё',

  'mine.heading': 'Мои материалы',
  'mine.empty': 'У вас пока нет материалов.',

  'new.heading': 'Новый материал',
  'new.desk': 'Отдел',
  'new.file': 'Загрузить файл (.md или .txt)',
  'new.fileHint': 'Или вставьте текст в поле ниже.',
  'new.fileLoaded': 'Текст из файла «{name}» вставлен в поле ниже.',
  'new.fileRejected': 'Файл «{name}» не подходит: нужен текстовый файл .md или .txt до 1 МБ.',
  'new.text': 'Текст материала (Markdown)',
  'new.textHint': 'Первая строка «# …» — заголовок. Переносы и разорванные абзацы будут исправлены и показаны вам.',
  'new.create': 'Создать черновик',

  'editor.heading': 'Материал',
  'editor.textLabel': 'Текст материала (Markdown)',
  'editor.save': 'Сохранить',
  'editor.unsaved': 'Есть несохранённые изменения (копия хранится в этом браузере).',
  'editor.saved': 'Сохранено, версия {version}.',
  'editor.upToDate': 'Изменений нет, версия {version}.',
  'editor.storageFull': 'Браузер не смог сохранить копию текста: сохраните материал.',
  'editor.restored': 'Восстановлен несохранённый текст из этого браузера.',
  'editor.discardRestored': 'Вернуть сохранённую версию',
  'editor.toDesk': 'Отправка в отдел',
  'editor.submitNote': 'Комментарий для редактора (необязательно)',
  'editor.submit': 'Отправить на рассмотрение',
  'editor.resubmit': 'Отправить повторно',
  'editor.submittedNote': 'Материал у редактора. Можно отозвать его, чтобы продолжить работу.',
  'editor.withdraw': 'Отозвать',
  'editor.changesRequested': '{name} просит доработать материал:',
  'editor.openReview': 'Открыть на рецензии',

  'preview.liveHeading': 'Предпросмотр',
  'preview.savedHeading': 'Страница',
  'preview.savedOnly': 'Показана последняя сохранённая версия.',
  'preview.frameTitle': 'Предпросмотр страницы',
  'preview.error': 'Не удалось построить предпросмотр.',

  'fixes.heading': 'Исправления в тексте: {count}',
  'fixes.none': 'Исправлять ничего не пришлось.',
  'fixes.explain': 'Эти места исправлены автоматически. Проверьте их.',
  'fixes.hyphenation': 'Перенос слова',
  'fixes.paragraphJoin': 'Разорванный абзац',
  'fixes.paragraph': 'абзац {n}',
  'fixes.part.deck': 'подзаголовок',
  'fixes.part.lede': 'лид',
  'fixes.part.signature': 'подпись',
  'fixes.before': 'Было:',
  'fixes.after': 'Стало:',

  'conflict.heading': 'Материал изменил кто-то другой',
  'conflict.restoredHeading': 'Несохранённый текст относится к прежней версии',
  'conflict.changedBy': '{name} сохранил(а) версию {version} ({at}).',
  'conflict.changed': 'Сейчас у материала версия {version}.',
  'conflict.safe': 'Ваш текст не потерян: ниже видно, чем он отличается от текущего.',
  'conflict.onlyTheirs': 'есть только в их версии',
  'conflict.onlyMine': 'есть только в вашем тексте',
  'conflict.reloadTheirs': 'Загрузить их версию',
  'conflict.reapplyMine': 'Сохранить мой текст поверх',

  'diff.label': 'Сравнение текстов',
  'diff.none': 'Текст не изменился.',
  'diff.counts': '(+{added} / −{removed} слов)',
  'diff.gap': '… {words} слов без изменений …',

  'history.heading': 'Комментарии и история',
  'history.empty': 'Событий пока нет.',
  'history.revision': 'ред. {n}',
  'comment.label': 'Комментарий',
  'comment.add': 'Добавить комментарий',

  'event.created': 'создал(а) черновик',
  'event.edited': 'изменил(а) текст',
  'event.submitted': 'отправил(а) на рассмотрение',
  'event.withdrawn': 'отозвал(а) материал',
  'event.changes_requested': 'попросил(а) доработать',
  'event.approved': 'одобрил(а)',
  'event.scheduled': 'запланировал(а) публикацию',
  'event.schedule_cancelled': 'отменил(а) публикацию по расписанию',
  'event.published': 'опубликовал(а)',
  'event.corrected': 'исправил(а) опубликованный текст',
  'event.unpublished': 'снял(а) с публикации',
  'event.restored': 'вернул(а) в черновики',
  'event.commented': 'прокомментировал(а)',

  'meta.status': 'Статус',
  'meta.desk': 'Отдел',
  'meta.author': 'Автор',
  'meta.revision': 'Редакция',
  'meta.version': 'версия {version}',
  'meta.updated': 'Изменён',
  'meta.publishAt': 'Публикация',
  'meta.url': 'Адрес',
  'meta.unpublished': 'Снят с публикации. Причина: {reason}',

  'queue.heading': 'Очередь: {desk}',
  'queue.statusNav': 'Статусы',
  'queue.tab.submitted': 'На рассмотрении',
  'queue.tab.changes_requested': 'На доработке',
  'queue.tab.approved': 'Одобренные',
  'queue.tab.scheduled': 'Запланированные',
  'queue.tab.published': 'Недавно опубликованные',
  'queue.empty': 'Здесь пусто.',
  'queue.publishFailed': 'Публикация не удалась',

  'review.heading': 'Рецензия',
  'review.openEditor': 'Открыть в редакторе',
  'review.copyEdit': 'Править текст',
  'review.copyEditHeading': 'Правка текста',
  'review.correct': 'Исправить опубликованный текст',
  'review.correctHeading': 'Исправление',
  'review.closeEditor': 'Закрыть редактор',
  'review.correctionNote': 'Примечание для читателей (что исправлено)',
  'review.publishCorrection': 'Опубликовать исправление',
  'review.diffHeading': 'Изменения с прошлой отправки',
  'review.diffExplain': 'Редакция {from} → редакция {to}.',
  'review.diffRemoved': 'удалено из ред. {n}',
  'review.diffAdded': 'добавлено в ред. {n}',
  'review.firstSubmission': 'Материал отправлен впервые: сравнивать не с чем.',
  'review.decisionHeading': 'Решение',
  'review.comment': 'Комментарий для автора',
  'review.commentHint': 'Обязателен, если материал нужно доработать.',
  'review.requestChanges': 'Вернуть на доработку',
  'review.approve': 'Одобрить',
  'review.fourEyes': 'Правило четырёх глаз: одобрить и опубликовать ваш материал должен другой редактор.',
  'review.publishLegend': 'Публикация',
  'review.publishNow': 'Сейчас',
  'review.publishAt': 'В указанное время',
  'review.publishAtLabel': 'Дата и время ({zone})',
  'review.publishNowButton': 'Опубликовать',
  'review.scheduleButton': 'Запланировать',
  'review.publishing': 'Публикуется…',
  'review.cancelSchedule': 'Отменить публикацию по расписанию',
  'review.unpublishReason': 'Причина снятия с публикации',
  'review.unpublishKind': 'Вид снятия',
  'review.unpublishKind.editorial': 'Редакционное: уведомление называет материал',
  'review.unpublishKind.legal': 'Юридическое: нигде не остаётся заголовка',
  'review.unpublish': 'Снять с публикации',
  'review.restore': 'Вернуть в черновики (адрес сохранится)',
  'review.waiting.draft': 'Черновик ещё не отправлен в отдел.',
  'review.waiting.changes_requested': 'Материал у автора на доработке.',
  'review.waiting.unpublished': 'Материал снят с публикации.',

  'error.network':
    'Нет связи с сервером: проверьте подключение и повторите. Несохранённый текст остаётся в этом браузере.',
  'error.code.invalid_path': 'Адрес запроса повреждён: в нём неверная %-последовательность.',
  'error.code.invalid_cursor': 'Список устарел или ссылка на страницу повреждена. Откройте список заново.',
  'error.code.article_too_large':
    'Материал не помещается в хранилище: текст вместе с исправлениями должен быть не длиннее примерно {maxCharacters} знаков. Сократите текст или разделите его на два материала.',
  'error.generic': 'Что-то пошло не так.',
  'error.code.invalid_input': 'Проверьте введённые данные.',
  'error.code.unauthenticated': 'Сеанс завершён: войдите снова.',
  'error.code.forbidden': 'У вас нет прав на это действие.',
  'error.code.not_found':
    'Материал не найден: он сменил статус и больше вам не виден или его адрес неверен. Откройте список заново.',
  'error.code.stale_version': 'Материал уже изменили (сейчас версия {currentVersion}): обновите страницу и повторите.',
  'error.code.invalid_transition': 'Это действие недоступно: материал сейчас в статусе «{status}».',
  'error.code.conflict': 'Действие столкнулось с другим изменением; повторите через минуту.',
  'error.code.publish_pending': 'Публикация ещё выполняется; обновите страницу через минуту.',
  'error.code.payload_too_large':
    'Текст слишком большой: в материал помещается около {maxCharacters} знаков, а в этом около {actualCharacters}. Разделите материал или уберите вставленные лишние фрагменты.',
  'error.code.unsupported_media_type': 'Сервер не принял формат запроса.',
  'error.code.method_not_allowed': 'Сервер не поддерживает это действие.',
  'error.code.internal_error': 'Ошибка на сервере; попробуйте ещё раз.',
  'error.code.invalid_encoding': 'Текст пришёл в неверной кодировке (не UTF-8); вставьте его заново.',
  'error.code.preview_unavailable': 'Текст слишком сложен для предпросмотра; упростите или сократите его.',
  // draft_too_complex: one sentence per bound (details.limit), with details.max, actual and line; the first is the
  // fallback for a bound this app does not know yet.
  'error.code.draft_too_complex': 'Текст слишком сложен для обработки: превышен предел {max}.',
  'error.code.draft_too_complex.draft_characters':
    'Текст слишком длинный: {actual} знаков при пределе {max}. Разделите материал или уберите вставленные лишние фрагменты.',
  'error.code.draft_too_complex.lines':
    'В тексте {actual} строк при пределе {max}. Соедините строки одного абзаца или разделите материал.',
  'error.code.draft_too_complex.line_characters':
    'Строка {line} длиной {actual} знаков, а предел — {max}. Разбейте её на абзацы.',
  'error.code.draft_too_complex.word_characters':
    'В строке {line} {actual} знаков подряд без пробела, а предел — {max}. Добавьте пробелы или дайте длинной ссылке короткий текст.',
  'error.code.draft_too_complex.title_characters': 'Заголовок длиной {actual} знаков, а предел — {max}. Сократите его.',
  'error.code.draft_too_complex.blocks':
    'В тексте {actual} абзацев, заголовков и пунктов списков при пределе {max}. Разделите материал.',
  'error.code.draft_too_complex.repairs':
    'Текст требует больше {max} исправлений переносов и разорванных абзацев. Вставьте его заново как простой текст.',
  'error.code.draft_too_complex.front_matter_bytes':
    'Блок полей в начале текста (между строками ---) занимает {actual} байт, а предел — {max}. Оставьте там только title, deck, desk, byline, tags и lang.',
  'error.code.draft_too_complex.front_matter_depth':
    'В блоке полей в начале текста списки вложены глубже {max} уровней. Пишите по одному «поле: значение» в строке.',
  'error.code.front_matter_invalid':
    'Блок полей в начале текста (между строками ---) заполнен неверно: проверьте, что каждое поле записано как «поле: значение».',

  'error.code.media_type_unsupported':
    'Этот формат не подходит: загрузите фотографию в JPEG, PNG, WebP, AVIF или HEIC.',
  'error.code.media_too_large': 'Файл слишком большой: фотография должна весить не больше 25 МБ.',
  'error.code.media_unknown': 'В тексте указана фотография, которой нет в редакции. Загрузите её заново.',
  'error.code.media_not_ready':
    'Фотография в тексте ещё обрабатывается или не прошла обработку. Дождитесь готовности или замените её.',
  'error.code.media_missing_alt':
    'У фотографии нет описания для незрячих читателей (alt). Добавьте его, прежде чем отправлять материал.',

  // Issue 12: app-core (one catalogue, one clock, safe unpublish, honest preview, stale screens).
  'error.timeout':
    'Сервер не ответил вовремя: проверьте подключение и повторите. Несохранённый текст остаётся в этом браузере.',
  'error.unknownCode':
    'Сервер отказал с причиной, которой это приложение ещё не знает (код {code}). Обновите страницу; если не поможет, сообщите код в техподдержку.',
  'error.code.stale_version.plain': 'Материал уже изменили: обновите страницу и повторите.',
  'error.code.invalid_transition.plain': 'Это действие недоступно в текущем статусе материала.',
  'error.code.forbidden.four_eyes':
    'Правило четырёх глаз: одобрить, опубликовать или исправить ваш материал должен другой редактор.',
  'error.code.invalid_input.comment': 'Напишите автору, что нужно доработать: без комментария материал не вернуть.',
  'error.code.invalid_input.text': 'Комментарий пуст: напишите его текст.',
  'error.code.invalid_input.note': 'Напишите для читателей, что исправлено: заметка обязательна.',
  'error.code.invalid_input.reason': 'Укажите причину снятия с публикации: она остаётся в истории материала.',
  'error.code.invalid_input.kind': 'Выберите вид снятия: редакционное или юридическое.',
  'error.code.invalid_input.at': 'Укажите дату и время публикации.',
  'error.code.invalid_input.at.past':
    'Время публикации ({at}) уже прошло: укажите время в будущем или опубликуйте сейчас.',
  'error.code.invalid_input.at.too_far': 'Публикацию можно запланировать не дальше чем на {maxDays} дней вперёд.',
  'error.code.invalid_input.body': 'Текст материала не подходит: проверьте его и сохраните снова.',
  'error.code.invalid_input.body.unchanged':
    'Исправленный текст совпадает с опубликованным: внесите правку или закройте редактор.',
  'error.code.invalid_input.desk': 'Выберите отдел из списка.',
  'error.code.invalid_input.version': 'Приложение отправило неверную версию материала: обновите страницу.',
  'lang.switch': 'English',
  'desk.politics': 'Отдел политики',
  'desk.world': 'Международный отдел',
  'zone.Europe/Moscow': 'московское время',
  'zone.Europe/London': 'лондонское время',
  'zone.UTC': 'всемирное время (UTC)',
  'clock.note': 'Время на этой странице — {zone}.',
  'clock.noteMany': 'Время указано по часовому поясу отдела: {zones}.',
  'clock.zoneOfDesk': '{desk} — {zone}',
  'event.scheduledAt': 'запланировал(а) публикацию на {at}',
  'event.publishNow': 'отправил(а) материал на публикацию',
  'conflict.headingSelf': 'Вы изменили материал в другой вкладке',
  'conflict.changedBySelf': 'Вы сохранили версию {version} ({at}) в другой вкладке или на другом устройстве.',
  'conflict.onlyThere': 'есть только в сохранённой версии',
  'stale.withdrawn':
    'Материал отозван автором — сейчас он в статусе «{status}» и виден только автору. Ваше действие не выполнено.',
  'stale.gone': 'Материал больше вам не виден: сейчас он в статусе «{status}» у автора. Ваше действие не выполнено.',
  'stale.changed':
    'Пока вы смотрели материал, он изменился: сейчас он в статусе «{status}». Ваше действие не выполнено; ниже — действия для нового статуса.',
  'stale.edited':
    'Пока вы смотрели материал, его изменили (версия {version}, статус «{status}»). Ваше действие не выполнено: проверьте текст и повторите.',
  'stale.backToQueue': 'Вернуться к очереди',
  'stale.backToMine': 'К моим материалам',
  'unpublish.open': 'Снять с публикации…',
  'unpublish.title': 'Снять материал с публикации?',
  'unpublish.address': 'Публичный адрес',
  'unpublish.kind': 'Вид снятия',
  'unpublish.reason': 'Причина',
  'unpublish.consequence.editorial':
    'Вместо страницы читатели увидят уведомление «Материал снят с публикации» с заголовком и причиной; материал исчезнет из лент, разделов и карты сайта. Потом его можно вернуть в черновики и опубликовать снова по тому же адресу.',
  'unpublish.consequence.legal':
    'Страница и заголовок исчезнут отовсюду: из лент, разделов, карты сайта и уведомления о снятии — по адресу останется только сообщение, что материал снят. Потом его можно вернуть в черновики и опубликовать снова по тому же адресу.',
  'unpublish.confirm': 'Да, снять с публикации',
  'unpublish.cancel': 'Отмена',
  'review.restoreExplain':
    'Материал вернётся к автору в черновики; после проверки его можно опубликовать снова по прежнему адресу.',
  'preview.outdated': 'Предпросмотр устарел: показана прошлая удачная версия. Причина: {reason}',
  'preview.bannerPublished':
    'Материал опубликован — предпросмотр показывает текущую правку; читатели видят опубликованную версию.',
  'preview.bannerDraft': 'Материал ещё не опубликован: так страница будет выглядеть после публикации.',
  'preview.width': 'Ширина предпросмотра',
  'preview.width.normal': 'Рядом с текстом',
  'preview.width.wide': 'Во всю ширину',
  'preview.width.phone': 'Как на телефоне (360 точек)',
  'fixes.show': 'Показать в тексте',
  'fixes.breakLegend': '¶ — разрыв абзаца, ↵ — перенос строки, которые убраны.',

  'error.code.payload_too_large.plain':
    'Текст слишком большой: разделите материал или уберите вставленные лишние фрагменты.',
  'error.code.article_too_large.plain':
    'Материал не помещается в хранилище: сократите текст или разделите его на два материала.',

  'event.other': 'изменил(а) материал',
  'actor.system': 'Выпускающая система',
  'conflict.reloadSaved': 'Загрузить сохранённую версию',
  'meta.publishFailed':
    'Опубликовать не удалось ({at}): публикация повторяется автоматически раз в минуту; её можно и отменить.',
  'meta.publishDelayed': 'Публикация задерживается ({at}): она повторяется автоматически.',

  'error.code.draft_too_complex.plain': 'Текст слишком сложен для обработки: сократите его или разделите материал.',

  'notFound.heading': 'Страница не найдена',
  'notFound.home': 'На главную',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof ru;
