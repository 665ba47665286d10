import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeXml, serializeJsonForScript } from '../../../functions/domain/render/escape.js';

describe('escaping', () => {
  it('escapes HTML text and attribute values', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
  });

  it('serializes JSON that cannot close its script element or open a comment', () => {
    const json = serializeJsonForScript({ headline: '</script><!-- & \u2028' });
    expect(json).toBe('{"headline":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028"}');
    expect(JSON.parse(json)).toEqual({ headline: '</script><!-- & \u2028' });
  });

  it('escapes XML and drops characters XML 1.0 forbids', () => {
    expect(escapeXml(`a&b<c>"d"'e'\u0000\u0008\uFFFE\uD800 😀`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos; 😀');
  });
});
