// Package extract reads what the checks need out of a government web page:
// its links with anchor text and kind, visible text, meta tags, navigation
// (the columns), a column's list of dated items with its pagination, and an
// article's title, publication date, metadata table and attachments.
//
// Start at Parse. The document is parsed once into a tree and walked; each
// file here reads one thing from that tree: links.go, resolve.go, text.go,
// nav.go, list.go, paginate.go, article.go, fields.go.
package extract
