import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { z } from 'zod';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../support/chromium.js';

/**
 * Loads pages in Debian's Chromium and reports everything that ran or tried to leave the page. Sensors:
 * - V8 itself: every script compiled in the page's main world (Debugger.scriptParsed over CDP). Inline scripts,
 *   event-handler attributes (compiled when their event fires), javascript: URLs and eval'd strings all show up
 *   here; the only expected ones are this file's own sentinel and audit, named by their `sourceURL`.
 * - a sentinel init script (`window.__xss`): calls of alert/confirm/prompt/print/open/eval/Function and string
 *   timers, and CSP violations;
 * - playwright events: dialogs, popups, frames, main-frame navigations other than the load itself, uncaught
 *   errors, console errors;
 * - every request other than the page itself is recorded and aborted (an injected image, script, style, frame or
 *   form target, a refresh, a prefetch);
 * - an audit of the DOM that Chromium built (not the one a server-side parser builds: mutation XSS lives in the
 *   difference): no active elements, no handler attributes, no foreign (SVG/MathML) content, no URL with a scheme
 *   outside the allow-list, only the site's stylesheet and JSON-LD; then every reader-caused event is fired at every
 *   element, so a handler that needs a click or a hover would run (and be seen) too.
 */

/** Playwright gives each launch a fresh temporary profile (it refuses `--user-data-dir` as a flag). */
export const launchXssBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_FLAGS] });

const SENTINEL_URL = 'xss-sentinel.js';
const AUDIT_URL = 'xss-audit.js';

/** Runs before any of the page's own markup (CDP addScriptToEvaluateOnNewDocument), outside the page's CSP. */
const SENTINEL = `(() => {
  const hits = [];
  Object.defineProperty(window, '__xss', { value: hits });
  const note = (what) => hits.push(String(what).slice(0, 200));
  for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
    const original = window[name];
    window[name] = function (...args) { note(name + '(' + String(args[0]) + ')'); return original.apply(this, args); };
  }
  const originalEval = window.eval;
  window.eval = function (source) { note('eval(' + String(source) + ')'); return originalEval(source); };
  window.Function = new Proxy(window.Function, {
    apply(target, self, args) { note('Function(' + args.join(',') + ')'); return Reflect.apply(target, self, args); },
    construct(target, args) { note('new Function(' + args.join(',') + ')'); return Reflect.construct(target, args); },
  });
  for (const name of ['setTimeout', 'setInterval']) {
    const original = window[name];
    window[name] = function (handler, ...rest) {
      if (typeof handler !== 'function') note(name + '("' + String(handler) + '")');
      return original.call(this, handler, ...rest);
    };
  }
  document.addEventListener('securitypolicyviolation', (e) => {
    if (e.isTrusted) note('CSP violation: ' + e.effectiveDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''));
  }, true);
})();
//# sourceURL=${SENTINEL_URL}`;

/** Events a reader (or a browser on its own) can cause on an element; each is fired at every element. */
const READER_EVENTS = [
  'click',
  'dblclick',
  'auxclick',
  'contextmenu',
  'mousedown',
  'mouseup',
  'mouseover',
  'mouseout',
  'mouseenter',
  'mouseleave',
  'mousemove',
  'pointerdown',
  'pointerup',
  'pointerover',
  'pointerenter',
  'pointerleave',
  'touchstart',
  'touchend',
  'focus',
  'blur',
  'focusin',
  'focusout',
  'keydown',
  'keyup',
  'keypress',
  'beforeinput',
  'input',
  'change',
  'submit',
  'reset',
  'select',
  'invalid',
  'search',
  'toggle',
  'beforetoggle',
  'wheel',
  'scroll',
  'scrollend',
  'copy',
  'cut',
  'paste',
  'drag',
  'dragstart',
  'dragenter',
  'dragover',
  'drop',
  'animationstart',
  'animationend',
  'animationiteration',
  'transitionstart',
  'transitionend',
  'transitionrun',
  'load',
  'error',
  'abort',
  'loadstart',
  'play',
  'begin',
  'end',
  'repeat',
  'message',
  'hashchange',
  'popstate',
  'pageshow',
  'resize',
  'show',
  'slotchange',
  'selectionchange',
  'readystatechange',
  'unload',
  'beforeunload',
  'pagehide',
  'visibilitychange',
];

/**
 * The audit, run in the page's main world after load (by CDP, so it is named and told apart from the page's own
 * scripts). Plain JavaScript in a string: a serialized TypeScript function would carry the transpiler's helpers.
 */
const AUDIT = `(() => {
  const problems = [];
  const HTML_NS = 'http://www.w3.org/1999/xhtml';
  const FORBIDDEN = new Set(['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button',
    'textarea', 'select', 'option', 'isindex', 'svg', 'math', 'base', 'portal', 'fencedframe', 'template', 'noscript',
    'video', 'audio', 'source', 'track', 'picture', 'canvas', 'dialog', 'details', 'marquee', 'xmp', 'noembed',
    'noframes', 'plaintext', 'image', 'slot']);
  const LINK_RELS = new Set(['canonical', 'icon', 'alternate']);
  const URL_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'action', 'formaction', 'poster', 'data', 'background',
    'ping', 'cite', 'longdesc', 'xlink:href', 'lowsrc', 'dynsrc', 'manifest', 'codebase', 'archive', 'usemap',
    'itemtype', 'profile']);
  const SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);
  const elements = [...document.getElementsByTagName('*')];
  let styles = 0;
  for (const el of elements) {
    const name = el.localName;
    if (el.namespaceURI !== HTML_NS) problems.push('foreign element <' + name + '> (' + el.namespaceURI + ')');
    if (FORBIDDEN.has(name)) problems.push('element <' + name + '>');
    if (name === 'script') {
      if (el.type !== 'application/ld+json') problems.push('script type="' + el.type + '"');
      else try { JSON.parse(el.textContent); } catch { problems.push('JSON-LD that does not parse'); }
    }
    if (name === 'style') styles += 1;
    if (name === 'meta' && el.hasAttribute('http-equiv')) problems.push('meta http-equiv=' + el.getAttribute('http-equiv'));
    if (name === 'link' && !LINK_RELS.has(el.getAttribute('rel'))) problems.push('link rel=' + el.getAttribute('rel'));
    for (const attr of el.attributes) {
      const attrName = attr.name.toLowerCase();
      if (attrName.startsWith('on')) problems.push('handler attribute <' + name + ' ' + attr.name + '>');
      if (attrName === 'style' && !/^text-align:\\s*(?:left|right|center);?$/.test(attr.value))
        problems.push('style attribute "' + attr.value + '"');
      if (['autofocus', 'contenteditable', 'draggable', 'popover', 'formaction', 'srcdoc', 'is'].includes(attrName))
        problems.push('attribute <' + name + ' ' + attr.name + '>');
      if (URL_ATTRIBUTES.has(attrName)) {
        let protocol;
        try { protocol = new URL(attr.value, document.baseURI).protocol; } catch { protocol = 'unparseable'; }
        const icon = name === 'link' && el.getAttribute('rel') === 'icon' && attr.value === 'data:,';
        if (!SCHEMES.has(protocol) && !icon) problems.push('<' + name + ' ' + attr.name + '="' + attr.value.slice(0, 80) + '">');
      }
    }
  }
  if (styles !== 1 || document.styleSheets.length !== 1) problems.push(styles + ' style elements, ' + document.styleSheets.length + ' style sheets');
  if (document.baseURI !== location.href) problems.push('base URI changed to ' + document.baseURI);
  if (window.frames.length) problems.push(window.frames.length + ' frames');
  // Fire every reader event at every element; links must not navigate away meanwhile (their targets are checked above).
  const stay = (e) => e.preventDefault();
  window.addEventListener('click', stay, true);
  window.addEventListener('submit', stay, true);
  for (const el of [window, document, ...elements]) {
    for (const type of ${JSON.stringify(READER_EVENTS)}) el.dispatchEvent(new Event(type, { bubbles: true, cancelable: true }));
    if (el instanceof HTMLElement) { el.focus(); el.blur(); }
  }
  window.removeEventListener('click', stay, true);
  window.removeEventListener('submit', stay, true);
  return { problems, sentinel: [...window.__xss], text: document.body ? document.body.innerText.length : 0 };
})()
//# sourceURL=${AUDIT_URL}`;

/** Only what the sentinel recorded (and that the page has text). */
const READ_SENTINEL = `({ problems: [], sentinel: [...window.__xss], text: document.body ? document.body.innerText.length : 0 })
//# sourceURL=${AUDIT_URL}`;

/** A page to serve: HTML or XML, with or without the public site's headers. */
export interface ServedDocument {
  body: string;
  contentType: string;
  headers?: Record<string, string>;
}

/** A tiny origin on 127.0.0.1 serving documents at unique paths (GET only; anything else is a 404). */
export class DocumentServer {
  private readonly documents = new Map<string, ServedDocument>();
  private server: Server | undefined;
  origin = '';
  readonly requests: string[] = [];

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.requests.push(req.url ?? '');
      const doc = this.documents.get(req.url ?? '');
      if (!doc || req.method !== 'GET') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res
        .writeHead(200, { 'content-type': doc.contentType, 'cache-control': 'no-store', ...doc.headers })
        .end(doc.body);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Serves the document at `path` and returns its absolute URL. */
  add(path: string, doc: ServedDocument): string {
    this.documents.set(path, doc);
    return this.origin + path;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const auditResultSchema = z.object({ problems: z.array(z.string()), sentinel: z.array(z.string()), text: z.number() });

/** One tab, reused for many loads; everything its sensors see during a load is that load's finding. */
export class XssProbe {
  private findings: string[] = [];
  private expectedUrl = '';

  private constructor(
    readonly page: Page,
    private readonly cdp: CDPSession,
  ) {}

  static async open(context: BrowserContext): Promise<XssProbe> {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const probe = new XssProbe(page, cdp);
    probe.listen();
    await cdp.send('Debugger.enable');
    return probe;
  }

  private note(what: string): void {
    this.findings.push(what);
  }

  private listen(): void {
    const { page, cdp } = this;
    cdp.on('Debugger.scriptParsed', (e) => {
      // Playwright's own helpers live in isolated worlds; the page's main world only ever runs ours.
      if (e.executionContextAuxData?.type === 'isolated') return;
      if (e.url === SENTINEL_URL || e.url === AUDIT_URL) return;
      this.note(`script compiled (${e.url || 'no URL'}, ${e.length ?? '?'} chars at ${e.startLine}:${e.startColumn})`);
    });
    page.on('dialog', (dialog) => {
      this.note(`dialog ${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss().catch(() => undefined);
    });
    page.on('popup', (popup) => {
      this.note(`popup ${popup.url()}`);
      void popup.close().catch(() => undefined);
    });
    page.on('frameattached', (frame) => this.note(`frame attached ${frame.url()}`));
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && frame.url() !== this.expectedUrl) this.note(`navigation to ${frame.url()}`);
    });
    page.on('pageerror', (error) => this.note(`uncaught error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        this.note(`console ${message.type()}: ${message.text()}`);
    });
    void page.route('**/*', async (route) => {
      const request = route.request();
      if (request.url() === this.expectedUrl && request.isNavigationRequest() && request.method() === 'GET') {
        await route.continue();
        return;
      }
      this.note(`request ${request.method()} ${request.resourceType()} ${request.url().slice(0, 120)}`);
      await route.abort('blockedbyclient');
    });
  }

  /**
   * Loads the URL through the full navigation pipeline and returns what was seen. `dom` audits the HTML page's
   * DOM and fires reader events (above) and reads the sentinel; `sentinel` only reads the sentinel (the same markup
   * under another header needs no second audit); `none` leaves the document alone (an XML document).
   */
  async load(url: string, audit: 'dom' | 'sentinel' | 'none' = 'dom'): Promise<string[]> {
    this.findings = [];
    this.expectedUrl = url;
    const response = await this.page.goto(url, { waitUntil: 'load' });
    if (response?.status() !== 200) this.note(`status ${response?.status() ?? 'none'} for ${url}`);
    if (audit === 'none') return this.findings;
    try {
      const result = await this.evaluate(audit === 'dom' ? AUDIT : READ_SENTINEL, auditResultSchema);
      for (const problem of result.problems) this.note(`DOM: ${problem}`);
      for (const hit of result.sentinel) this.note(`sentinel: ${hit}`);
      if (result.text === 0) this.note('empty page');
    } catch (error) {
      this.note(`audit failed: ${String(error)}`);
    }
    return this.findings;
  }

  /** Runs a script in the page's main world under the audit's name (so the script sensor ignores it). */
  async evaluate<T>(expression: string, schema: z.ZodType<T>): Promise<T> {
    const evaluated = await this.cdp.send('Runtime.evaluate', {
      expression: expression.includes(`sourceURL=${AUDIT_URL}`)
        ? expression
        : `${expression}\n//# sourceURL=${AUDIT_URL}`,
      returnByValue: true,
      awaitPromise: true,
    });
    if (evaluated.exceptionDetails) {
      throw new Error(evaluated.exceptionDetails.exception?.description ?? evaluated.exceptionDetails.text);
    }
    return schema.parse(evaluated.result.value);
  }
}

/** Opens a context with the sentinel and `width` tabs. */
export const openProbes = async (
  browser: Browser,
  width: number,
): Promise<{ context: BrowserContext; probes: XssProbe[] }> => {
  // Not `serviceWorkers: 'block'`: playwright does that with a script of its own in the page's main world, which
  // the script sensor would report; a page that registers a worker has run a script anyway.
  const context = await browser.newContext();
  await context.addInitScript({ content: SENTINEL });
  const probes: XssProbe[] = [];
  for (let i = 0; i < width; i += 1) probes.push(await XssProbe.open(context));
  return { context, probes };
};

/** Loads every URL on the first free tab and returns the findings by URL (only URLs with any). */
export const loadAll = async (
  probes: readonly XssProbe[],
  urls: readonly string[],
  audit: 'dom' | 'sentinel' = 'dom',
): Promise<Map<string, string[]>> => {
  const found = new Map<string, string[]>();
  let next = 0;
  await Promise.all(
    probes.map(async (probe) => {
      while (next < urls.length) {
        const url = urls[next++]!;
        const findings = await probe.load(url, audit);
        if (findings.length) found.set(url, [...findings]);
      }
    }),
  );
  return found;
};
