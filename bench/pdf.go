package bench

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/lcmonitor/evidence/ingest/extract"
)

// PDFDetails are the raw measurements of the PDF figure.
type PDFDetails struct {
	Files          int     `json:"files"`
	Pages          int     `json:"pages"`
	CacheDir       string  `json:"cache_dir"`
	Generated      int     `json:"generated"` // made by LibreOffice in this run
	GenerateSecs   float64 `json:"generate_seconds,omitempty"`
	OursSeconds    float64 `json:"ours_seconds"`
	OursFallbacks  int     `json:"ours_fallbacks"` // files where our extractor used pdftotext
	OursTextOK     int     `json:"ours_text_ok"`   // files whose text holds a sample of the source
	ToolSeconds    float64 `json:"pdftotext_seconds"`
	ToolPages      int     `json:"pdftotext_pages"`
	ToolTextOK     int     `json:"pdftotext_text_ok"`
	ExtractWorkers int     `json:"extract_workers"`
}

// pdfCacheDir is where generated PDFs are kept between runs, outside the
// repository, keyed by everything that decides their content.
func (g *Generator) pdfCacheDir() (string, error) {
	base := os.Getenv("XDG_CACHE_HOME")
	if base == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		base = filepath.Join(home, ".cache")
	}
	return filepath.Join(base, "evidence-bench", "pdf-"+g.Fingerprint()), nil
}

// Fingerprint identifies the generator's output: its version, seed and
// source sentences.
func (g *Generator) Fingerprint() string {
	h := sha256.New()
	fmt.Fprintf(h, "v%d seed %d\n", GeneratorVersion, g.seed)
	for _, s := range g.sentences {
		for _, w := range s {
			h.Write([]byte(w.Text))
		}
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// ensurePDFs returns the paths of PDF documents 0..n-1, converting the
// missing ones with LibreOffice in batches (it is slow to start). It fails
// when soffice is not installed.
func (g *Generator) ensurePDFs(ctx context.Context, n int, details *PDFDetails) ([]string, error) {
	dir, err := g.pdfCacheDir()
	if err != nil {
		return nil, err
	}
	details.CacheDir = dir
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	paths := make([]string, n)
	var missing []int
	for i := range paths {
		paths[i] = filepath.Join(dir, g.PDFDoc(i).Name)
		if fi, err := os.Stat(paths[i]); err != nil || fi.Size() == 0 {
			missing = append(missing, i)
		}
	}
	if len(missing) == 0 {
		return paths, nil
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		return nil, fmt.Errorf("soffice (LibreOffice) is not installed: %w", err)
	}
	src, err := os.MkdirTemp("", "evidence-bench-fodt-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(src)
	start := time.Now()
	const perCall = 100
	for len(missing) > 0 {
		chunk := missing[:min(perCall, len(missing))]
		missing = missing[len(chunk):]
		var args []string
		for _, i := range chunk {
			d := g.PDFDoc(i)
			p := filepath.Join(src, strings.TrimSuffix(d.Name, ".pdf")+".fodt")
			if err := os.WriteFile(p, []byte(fodt(&d)), 0o644); err != nil {
				return nil, err
			}
			args = append(args, p)
		}
		cmd := exec.CommandContext(ctx, soffice, append([]string{"--headless", "--norestore",
			"-env:UserInstallation=file://" + filepath.Join(src, "profile"), "--convert-to", "pdf", "--outdir", dir}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("soffice --convert-to pdf: %w: %s", err, out)
		}
		for _, i := range chunk {
			if _, err := os.Stat(paths[i]); err != nil {
				return nil, fmt.Errorf("soffice did not write %s", paths[i])
			}
		}
		details.Generated += len(chunk)
	}
	details.GenerateSecs = time.Since(start).Seconds()
	return paths, nil
}

// fodt renders a document as a flat OpenDocument text: one paragraph per
// line, each page after the first starting on a new page.
func fodt(d *Doc) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>`)
	b.WriteString(html.EscapeString(d.Title))
	b.WriteString(`</dc:title></office:meta>
<office:automatic-styles><style:style style:name="PB" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style></office:automatic-styles>
<office:body><office:text>
`)
	for i, p := range d.Pages {
		for j, line := range strings.Split(p, "\n") {
			if j == 0 && i > 0 {
				b.WriteString(`<text:p text:style-name="PB">`)
			} else {
				b.WriteString(`<text:p>`)
			}
			b.WriteString(html.EscapeString(line))
			b.WriteString("</text:p>\n")
		}
	}
	b.WriteString("</office:text></office:body></office:document>\n")
	return b.String()
}

// sample is a stretch of the source text that a correct extraction of the
// PDF must contain after normalisation.
func sample(d *Doc) string {
	p := []rune(d.Pages[len(d.Pages)/2])
	mid := len(p) / 2
	return string(p[mid:min(len(p), mid+10)])
}

// measurePDF extracts every PDF with our extractor and with pdftotext, one
// file at a time each.
func measurePDF(ctx context.Context, docs []Doc, paths []string, details *PDFDetails) error {
	details.Files = len(paths)
	details.ExtractWorkers = 1
	var ours, tool time.Duration
	for i, p := range paths {
		start := time.Now()
		res, err := extract.Extract(ctx, extract.FormatPDF, p, extract.Limits{})
		ours += time.Since(start)
		if err != nil {
			return fmt.Errorf("extract %s: %w", p, err)
		}
		details.Pages += len(res.Pages)
		if res.Extractor != "pdf" {
			details.OursFallbacks++
		}
		if strings.Contains(extract.Normalize(strings.Join(res.Pages, "\n")), sample(&docs[i])) {
			details.OursTextOK++
		}
	}
	details.OursSeconds = ours.Seconds()
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		return fmt.Errorf("pdftotext is not installed (poppler-utils): %w", err)
	}
	for i, p := range paths {
		start := time.Now()
		out, err := exec.CommandContext(ctx, pdftotext, "-enc", "UTF-8", p, "-").Output()
		tool += time.Since(start)
		if err != nil {
			return fmt.Errorf("pdftotext %s: %w", p, err)
		}
		text := strings.TrimSuffix(string(out), "\f")
		details.ToolPages += strings.Count(text, "\f") + 1
		if strings.Contains(extract.Normalize(text), sample(&docs[i])) {
			details.ToolTextOK++
		}
	}
	details.ToolSeconds = tool.Seconds()
	return nil
}
