package charset

import "bytes"

// Where an encoding decision came from, as Detect reports it.
const (
	SourceBOM     = "bom"     // a byte order mark
	SourceHeader  = "header"  // the HTTP Content-Type header
	SourceMeta    = "meta"    // a <meta> tag in the first 4096 bytes
	SourceSniff   = "sniff"   // the bytes themselves, declared or not
	SourceDefault = "default" // nothing to go on: UTF-8
)

// detection is Detect's answer plus what Decode needs besides.
type detection struct {
	enc, source string
	bomLen      int
	unknown     string // an unusable declared label, for Decode's error
}

// Detect returns the canonical name of body's encoding and where that came
// from. contentType is the HTTP Content-Type header value, possibly "".
//
// A BOM decides outright. Otherwise the header's charset, else a <meta>
// charset in the first 4096 bytes, is used unless the bytes clearly disagree
// (declared UTF-8 but the bytes are GB18030 Chinese; declared GBK, Big5 or
// another legacy encoding but the bytes are valid UTF-8 with Chinese in it),
// in which case the bytes win and source is "sniff". With no usable
// declaration, bytes that are UTF-8 with non-ASCII text give "utf-8", bytes
// that read as Chinese in GB18030 give "gb18030" (failing that, in Big5
// "big5"), all from "sniff", and
// anything else gives "utf-8" from "default" (ASCII reads the same in all
// the encodings these sites use).
func Detect(body []byte, contentType string) (enc, source string) {
	d := detect(body, contentType)
	return d.enc, d.source
}

func detect(body []byte, contentType string) detection {
	if enc, n := bom(body); n > 0 {
		return detection{enc: enc, source: SourceBOM, bomLen: n}
	}
	declared, source, unknown := declaration(body, contentType)
	if declared != "" {
		if enc, ok := contradicted(declared, body); ok {
			return detection{enc: enc, source: SourceSniff}
		}
		return detection{enc: declared, source: source}
	}
	if enc, ok := sniff(body); ok {
		return detection{enc: enc, source: SourceSniff, unknown: unknown}
	}
	return detection{enc: "utf-8", source: SourceDefault, unknown: unknown}
}

// declaration returns the first usable declared encoding, header before
// meta, and the first unusable label seen, if any.
func declaration(body []byte, contentType string) (enc, source, unknown string) {
	if label := charsetParam(contentType); label != "" {
		if enc, ok := canonical(label); ok {
			return enc, SourceHeader, ""
		}
		unknown = label
	}
	if label := metaLabel(body); label != "" {
		enc, ok := canonical(label)
		switch {
		case !ok:
			if unknown == "" {
				unknown = label
			}
		case enc == "utf-16le" || enc == "utf-16be":
			// A page that can be prescanned as ASCII is not UTF-16; the
			// standard reads such a meta as UTF-8.
			return "utf-8", SourceMeta, unknown
		case enc == "x-user-defined":
			return "windows-1252", SourceMeta, unknown
		default:
			return enc, SourceMeta, unknown
		}
	}
	return "", "", unknown
}

// hasNonASCII reports whether body has any byte outside ASCII.
func hasNonASCII(body []byte) bool {
	return bytes.IndexFunc(body, func(r rune) bool { return r >= 0x80 }) >= 0
}
