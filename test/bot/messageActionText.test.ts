import { selectedMessageText, visibleText } from '../../src/bot/messageAction/messageActionText';

/** The words of a selected message, read from the HTML Teams sends for it. */

describe('visibleText', () => {
  it.each([
    ['block tags keep words apart', '<p>evil.com</p><p>clean</p><div>x<br>y<br/>z</div>', 'evil.com clean x y z'],
    ['inline tags do not split a word', 'ev<b>il</b>.com <span class="x">here</span>', 'evil.com here'],
    ['a mention reads as the name', '<at id="0">AIR Guide</at> look at this', 'AIR Guide look at this'],
    ['a link reads as its text, not its target', '<a href="https://target.example/">shown.example</a>', 'shown.example'],
    ['entities are decoded once', '&lt;script&gt; &amp;lt; it&#39;s&nbsp;&quot;ok&quot; &#x68;xxps', '<script> &lt; it\'s "ok" hxxps'],
    ['impossible characters become U+FFFD', '&#0;&#xD800;&#1114112;', '\uFFFD\uFFFD\uFFFD'],
    ['unknown entities stay as written', '&copy; &bogus; & alone', '&copy; &bogus; & alone'],
    ['an unclosed tag ends the text', 'a.com then <span style="', 'a.com then'],
    ['tags whose names only start like block tags are inline', 'a<param>b<pre>c<hr>d', 'ab c d'],
  ])('%s', (_name, html, text) => {
    expect(visibleText(html)).toBe(text);
  });
});

describe('selectedMessageText', () => {
  it('reads HTML bodies, takes plain-text bodies as they are, and gives nothing for a missing body', () => {
    expect(selectedMessageText({ body: { contentType: 'html', content: '<p>a &amp; b</p>' } })).toBe('a & b');
    expect(selectedMessageText({ body: { contentType: 'text', content: '<p>a &amp; b</p>' } })).toBe('<p>a &amp; b</p>');
    expect(selectedMessageText({})).toBe('');
    expect(selectedMessageText(undefined)).toBe('');
    expect(selectedMessageText({ body: { contentType: 'html', content: 42 as unknown as string } })).toBe('');
  });
});
