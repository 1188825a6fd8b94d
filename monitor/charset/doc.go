// Package charset turns the bytes of a government page into text.
//
// Chinese government sites are often GBK, GB2312 or GB18030, sometimes Big5,
// and say so in the HTTP header, a BOM, or a <meta> tag, in either of its two
// forms. The declaration is sometimes wrong: a CMS template says UTF-8 while
// the article bytes are GBK, or the reverse. [Detect] therefore weighs the
// declaration against the bytes, and [Decode] always returns valid UTF-8.
//
// Names are the WHATWG Encoding Standard's, lower case ("utf-8", "gb18030",
// "big5", "shift_jis", "windows-1252"), except that GBK and GB2312 are
// reported as "gb18030": its decoder reads every GBK byte the same way and
// more besides. Unlike x/net/html/charset, nothing here falls back to
// windows-1252, which is never right for these sites.
//
// [Encoder] and [QueryEscape] go the other way, for search URLs: browsers send
// non-ASCII query text in the page's encoding.
package charset
