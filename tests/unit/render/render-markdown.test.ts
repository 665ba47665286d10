import { describe, expect, it } from 'vitest';
import { renderMarkdownBody, sanitizeStoryHtml } from '../../../functions/domain/render/render-markdown.js';

const render = (markdown: string): string => sanitizeStoryHtml(renderMarkdownBody(markdown));

describe('renderMarkdownBody + sanitizeStoryHtml', () => {
  it('renders the allowed structure', () => {
    expect(render('Текст *курсив* **жирный** ~~зачёркнутый~~\n\n> цитата\n\n- один\n- два\n\n3. три\n\n---')).toBe(
      '<p>Текст <em>курсив</em> <strong>жирный</strong> <s>зачёркнутый</s></p>\n' +
        '<blockquote>\n<p>цитата</p>\n</blockquote>\n<ul>\n<li>один</li>\n<li>два</li>\n</ul>\n' +
        '<ol start="3">\n<li>три</li>\n</ol>\n<hr />\n',
    );
    expect(render('| a | b |\n|:-|-:|\n| 1 | 2 |')).toContain('<th style="text-align:left">a</th>');
  });

  it('starts body headings at h2 and never skips a level', () => {
    expect(render('# Один\n\n### Три\n\n##### Пять')).toBe('<h2>Один</h2>\n<h3>Три</h3>\n<h4>Пять</h4>\n');
    expect(render('### Только третий')).toBe('<h2>Только третий</h2>\n');
  });

  it('escapes raw HTML instead of passing it through', () => {
    expect(render('<script>alert(1)</script> <b>x</b>')).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;x&lt;/b&gt;</p>\n',
    );
  });

  it('keeps safe links and refuses unsafe ones', () => {
    expect(
      render('[a](https://example.org/?a=1&b=2) [b](/politics/) [c](mailto:desk@example.org) [d](tel:+7495)'),
    ).toBe(
      '<p><a href="https://example.org/?a=1&amp;b=2">a</a> <a href="/politics/">b</a> ' +
        '<a href="mailto:desk@example.org">c</a> <a href="tel:+7495">d</a></p>\n',
    );
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'vbscript:x',
      'data:text/html,x',
      'file:///etc/passwd',
      '//evil.example/',
    ]) {
      expect(render(`[x](${url})`)).not.toContain('href');
    }
    expect(render('https://example.org/auto and ОТГ.рф')).toBe(
      '<p><a href="https://example.org/auto">https://example.org/auto</a> and ОТГ.рф</p>\n',
    );
  });

  it('allows https and site images with alt text, loaded lazily; refuses data: and http images', () => {
    expect(render('![Министры в Баку](https://example.org/a.jpg)')).toBe(
      '<p><img src="https://example.org/a.jpg" alt="Министры в Баку" loading="lazy" decoding="async" /></p>\n',
    );
    expect(render('![](/assets/a.png)')).toBe(
      '<p><img src="/assets/a.png" alt="" loading="lazy" decoding="async" /></p>\n',
    );
    expect(render('![x](data:image/png;base64,iVBORw0KGgo=)')).not.toContain('src=');
    expect(render('![x](http://example.org/a.png)')).not.toContain('src=');
  });

  it('drops any tag outside the allow-list, whatever produced it', () => {
    expect(
      sanitizeStoryHtml(
        '<p onclick="x()" class="lede evil">a</p><iframe src="x"></iframe><svg><g/></svg><style>p{}</style><div>b</div>',
      ),
    ).toBe('<p class="lede">a</p>b');
  });
});
