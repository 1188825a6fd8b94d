package crawl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"strings"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/monitor/doctext"
)

// readsAttachment says whether a target is an attachment of the site whose
// text the attachment checks should read.
func (st *state) readsAttachment(t *target) bool {
	return st.readAttachments && !t.external && t.kind == checks.KindAttachment && doctext.Readable(urlPath(t.url), "")
}

// readAttachment downloads an attachment to a temporary file (never into
// memory: attachments run to hundreds of megabytes), reads its text and
// runs the attachment checks on it. What answers is judged as any link is.
func (c *Crawler) readAttachment(ctx context.Context, site Site, j job, r checks.Reporter) jobResult {
	res := jobResult{job: j}
	file, err := os.CreateTemp(site.TempDir, "govwatch-attachment-*")
	if err != nil {
		res = c.checkLink(ctx, j, site.Validators)
		res.note = "attachment not read: " + err.Error()
		return res
	}
	defer os.Remove(file.Name())
	defer file.Close()
	resp, err := c.fetch.Fetch(ctx, Request{URL: j.url, MaxBody: site.MaxAttachmentBytes, SaveTo: file})
	if err != nil {
		return failed(res, err)
	}
	res.status, res.finalURL = resp.Status, resp.FinalURL
	head := make([]byte, min(resp.Saved, 64<<10))
	n, _ := file.ReadAt(head, 0)
	if res.outcome = statusOutcome(resp.Status, head[:n]); res.outcome != checks.OutcomeOK {
		res.reason = fmt.Sprintf("HTTP %d", resp.Status)
		return res
	}
	a := &checks.Attachment{
		Site: site.ID, Unit: site.Unit, URL: j.url, Page: j.ref.Page, Name: attachmentName(j),
		Format: doctextFormat(j.url), Size: resp.Saved,
	}
	if resp.Truncated {
		a.Unreadable = fmt.Sprintf("文件超过 %d MiB，未读取", site.MaxAttachmentBytes>>20)
	} else {
		select {
		case c.textSlots <- struct{}{}:
			c.readText(a, file, resp)
			<-c.textSlots
		case <-ctx.Done():
			return failed(res, ctx.Err())
		}
	}
	for _, ac := range c.attachmentChecks {
		if err := ac.CheckAttachment(ctx, a, r); err != nil && ctx.Err() == nil {
			c.log.Warn("attachment check failed: " + ac.Name() + ": " + err.Error())
		}
	}
	return res
}

func (c *Crawler) readText(a *checks.Attachment, file io.ReaderAt, resp *Response) {
	doc, err := doctext.Extract(file, resp.Saved, urlPath(a.URL), resp.Header.Get("Content-Type"), doctext.Limits{})
	if err != nil {
		var u *doctext.Unreadable
		if errors.As(err, &u) {
			a.Unreadable, a.Format = u.Reason, u.Format
		} else {
			a.Unreadable = "文件无法解析"
		}
		return
	}
	a.Format, a.Parts, a.Truncated = doc.Format, doc.Parts, doc.Truncated
}

// attachmentName is the link's text, else the file's name.
func attachmentName(j job) string {
	if t := strings.TrimSpace(j.ref.Text); t != "" {
		return t
	}
	return path.Base(urlPath(j.url))
}

func doctextFormat(raw string) string {
	return strings.ToLower(strings.TrimPrefix(path.Ext(urlPath(raw)), "."))
}

// urlPath is a URL's path, unescaped where it can be.
func urlPath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Path
}
