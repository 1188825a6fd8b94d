// Package pubdate reads publication dates the way Chinese government pages
// write them: 2024-01-17, 2024/12/31, 2024.01.17, 2023年10月11日, full-width
// digits, 落款 in Chinese numerals (二〇二四年五月三十日), month-day list
// dates ([01-17], 1月17日) that take their year from a hint, and dates encoded
// in CMS URLs (TRS, Hanweb, 中国政府网).
//
// Every result is a calendar date at 00:00 in China time ([China]), checked
// to exist (no 2024-02-30) and to fall in 1949–2100. Times of day are read
// past but dropped: a page is dated by its day.
//
// Start with [Parse] for one string, [Find] for every date in a text,
// [Labelled] for the date after a 发布时间-style label, and [FromURL] for
// article URLs. The scanner prefers missing a date to inventing one: phone
// numbers (0871-67171373), document numbers (〔2024〕3号), index numbers
// (…/2024-00123), version strings and bare times are not dates.
package pubdate
