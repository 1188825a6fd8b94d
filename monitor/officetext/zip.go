package officetext

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// container is an OOXML zip package. Entries are looked up case-insensitively,
// as OPC part names are.
type container struct {
	ex     *extraction
	format string // "docx" or "xlsx", for messages
	files  map[string]*zip.File
	names  []string // lower-case names in directory order
}

func (ex *extraction) openZip(format string) (*container, error) {
	zr, err := zip.NewReader(ex.src, ex.size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("%s: %w", format, err)
	}
	c := &container{ex: ex, format: format, files: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		name := strings.ToLower(strings.TrimPrefix(f.Name, "/"))
		if _, dup := c.files[name]; dup {
			continue
		}
		c.files[name] = f
		c.names = append(c.names, name)
	}
	return c, nil
}

func (c *container) has(name string) bool {
	_, ok := c.files[strings.ToLower(name)]
	return ok
}

// open returns the decompressed entry, counted: reading past MaxEntryXML for
// this entry or MaxUnzipped over the whole container is an error. The sizes in
// the zip headers are never trusted for this.
func (c *container) open(name string) (io.ReadCloser, error) {
	f, ok := c.files[strings.ToLower(name)]
	if !ok {
		return nil, fmt.Errorf("%s: zip entry %s missing", c.format, name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: zip entry %s: %w", c.format, name, err)
	}
	return &countingReader{rc: rc, c: c, name: f.Name}, nil
}

type countingReader struct {
	rc   io.ReadCloser
	c    *container
	name string
	n    int64
}

func (r *countingReader) Read(p []byte) (int, error) {
	ex := r.c.ex
	// Never ask for more than one byte past either limit, so that the overrun
	// is detected without decompressing much beyond it.
	room := min(ex.lim.MaxEntryXML-r.n, ex.lim.MaxUnzipped-ex.unzipped) + 1
	if room < 1 {
		return 0, fmt.Errorf("%s: zip entry %s: read past the decompression limit", r.c.format, r.name)
	}
	if int64(len(p)) > room {
		p = p[:room]
	}
	n, err := r.rc.Read(p)
	r.n += int64(n)
	ex.unzipped += int64(n)
	if r.n > ex.lim.MaxEntryXML {
		return n, fmt.Errorf("%s: zip entry %s expands beyond %s", r.c.format, r.name, mib(ex.lim.MaxEntryXML))
	}
	if ex.unzipped > ex.lim.MaxUnzipped {
		return n, fmt.Errorf("%s: zip entries expand beyond %s in total (at %s)", r.c.format, mib(ex.lim.MaxUnzipped), r.name)
	}
	if err != nil && err != io.EOF {
		err = fmt.Errorf("%s: zip entry %s: %w", r.c.format, r.name, err)
	}
	return n, err
}

func (r *countingReader) Close() error { return r.rc.Close() }

// xmlPart streams one XML entry, calling fn for each token. Errors carry the
// format and entry name; errors returned by fn pass through unchanged.
func (c *container) xmlPart(name string, fn func(d *xml.Decoder, t xml.Token) error) error {
	rc, err := c.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		// OOXML parts are UTF-8 or UTF-16; encoding/xml only reads UTF-8.
		// A UTF-8 declaration spelled differently is still UTF-8.
		if l := strings.ToLower(label); l == "utf8" || l == "utf-8" {
			return in, nil
		}
		return nil, fmt.Errorf("unsupported XML encoding %q", label)
	}
	for {
		t, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) || !strings.HasPrefix(err.Error(), c.format+":") {
				return fmt.Errorf("%s: %s: %w", c.format, name, err)
			}
			return err
		}
		if err := fn(d, t); err != nil {
			return err
		}
	}
}

// attr returns the value of the attribute with the given local name.
func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
