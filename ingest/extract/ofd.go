package extract

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

func init() { registerExtractor(FormatOFD, extractOFD) }

// OFD (GB/T 33190) is a zip of XML parts. There is no maintained Go
// library, so this is a reader of its own, under the zip limits of the
// other zip formats (zipBudget) and refusing any DOCTYPE:
//
//	OFD.xml → DocBody/DocRoot → Doc_N/Document.xml
//	  → CommonData/TemplatePage (ID, BaseLoc), PublicRes, DocumentRes
//	  → Pages/Page (ID, BaseLoc) → the page's Content.xml
//	    → Template (TemplateID), PageRes, TextObject/TextCode, ImageObject
//	OFD.xml → DocBody/Signatures → Signatures.xml → Signature (BaseLoc)
//	  → Signature.xml → StampAnnot (PageRef = a page's ID)
//
// Text is read from every TextCode of the page and of its template pages,
// put in reading order by position (layoutRuns). A page that has images and
// no text is read by OCR (ocrImage) of its largest image; when OCR is not
// available such a page stays empty, unless every page needs it: then the
// file fails with the OCR's reason (EUNSUPPORTED, since the pipeline would
// retry an EUNAVAILABLE forever), because an OFD without any text is of no
// use in the archive. Electronic seals (StampAnnot) are mapped from page
// IDs to page numbers in Result.SealPages, with the seals OCR finds on
// scanned pages.

// Bounds of one OFD file.
const (
	maxOFDPages      = 10000
	maxOFDImageBytes = 64 << 20
)

// ofdFile is an open OFD package.
type ofdFile struct {
	ctx    context.Context
	zr     *zip.Reader
	z      *zipBudget
	lim    Limits
	names  map[string]*zip.File // lower-case name → member
	budget textBudget
	// unreadable are the pages whose text layer was garbage (isGarbled)
	// and that OCR did not read instead.
	unreadable []int
}

func extractOFD(ctx context.Context, file string, lim Limits) (*Result, error) {
	z := newZipBudget(catalog.Words{Chinese: "OFD 文件", English: "The OFD file"}, lim)
	zr, err := zip.OpenReader(file)
	if err != nil {
		return nil, fmt.Errorf("open zip: %v: %w", err, z.errCorrupt())
	}
	defer zr.Close()
	o := &ofdFile{ctx: ctx, zr: &zr.Reader, z: z, lim: lim, names: map[string]*zip.File{}, budget: textBudget{max: lim.MaxTextBytes}}
	for _, f := range zr.File {
		o.names[strings.ToLower(f.Name)] = f
	}
	bodies, err := o.readRoot()
	if err != nil {
		return nil, err
	}
	res := &Result{Extractor: "ofd"}
	ocr := &ofdOCR{}
	for _, b := range bodies {
		if res.Title == "" {
			res.Title = b.title
		}
		if err := o.readDocument(b, res, ocr); err != nil {
			return nil, err
		}
	}
	garbage := len(o.unreadable) > 0
	if err := ocr.finish(res); err != nil {
		if garbage {
			return nil, ocr.failure(true)
		}
		return nil, err
	}
	if err := ocr.markSkipped(res, lim.MaxOCRPages, garbage); err != nil {
		return nil, err
	}
	if garbage && allEmpty(res.Pages) {
		if ocr.failed != nil {
			// Scanned pages beside the garbage would be read once OCR
			// works: that is what to fix first.
			return nil, ocr.failure(true)
		}
		return nil, errOFDGarbled()
	}
	markPages(res, o.unreadable, SourceUnreadable)
	dropPageNumbers(res.Pages, res.PageSources)
	return res, nil
}

func errOFDGarbled() error {
	return catalog.Errorf(catalog.EINVALID, "OFD 中的文字无法正确解码，读出的是乱码（字体缺少编码映射或映射有误，也可能是文件已损坏）；请从原软件重新导出 OFD 或 PDF，或上传 Word 原件")
}

// ofdBody is one DocBody of OFD.xml.
type ofdBody struct {
	docRoot, signatures, title string
}

// readRoot reads OFD.xml.
func (o *ofdFile) readRoot() ([]ofdBody, error) {
	f := o.member("OFD.xml")
	if f == nil {
		return nil, catalog.Errorf(catalog.EINVALID, "OFD 文件中缺少 OFD.xml，可能已损坏或不是 OFD 文件；请用 OFD 阅读器打开后重新导出再上传")
	}
	var bodies []ofdBody
	var field *string
	var text strings.Builder
	err := o.z.readXML(o.ctx, f, func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "DocBody":
				bodies = append(bodies, ofdBody{})
			case "DocRoot", "Signatures", "Title":
				if len(bodies) > 0 {
					b := &bodies[len(bodies)-1]
					field = map[string]*string{"DocRoot": &b.docRoot, "Signatures": &b.signatures, "Title": &b.title}[t.Name.Local]
					text.Reset()
				}
			}
		case xml.CharData:
			if field != nil && text.Len() < 4096 {
				text.Write(t)
			}
		case xml.EndElement:
			if field != nil {
				*field = strings.TrimSpace(text.String())
				field = nil
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("OFD.xml: %w", err)
	}
	bodies = slices.DeleteFunc(bodies, func(b ofdBody) bool { return b.docRoot == "" })
	if len(bodies) == 0 {
		return nil, catalog.Errorf(catalog.EINVALID, "OFD 文件的 OFD.xml 中没有文档（DocRoot），可能已损坏；请用 OFD 阅读器打开后重新导出再上传")
	}
	return bodies, nil
}

// ofdDocument is what Document.xml lists.
type ofdDocument struct {
	loc       string            // of Document.xml
	pages     []ofdPageRef      // in order
	templates map[string]string // template ID → content location
	resFiles  []string          // PublicRes, DocumentRes
}

type ofdPageRef struct{ id, loc string }

// readDocument reads one document's pages into res.
func (o *ofdFile) readDocument(b ofdBody, res *Result, ocr *ofdOCR) error {
	doc, err := o.readDocumentXML(resolveOFD("OFD.xml", b.docRoot))
	if err != nil {
		return err
	}
	media := o.readResources(doc.loc, doc.resFiles)
	tplCache := map[string]*ofdPageContent{}
	first := len(res.Pages)
	for _, p := range doc.pages {
		if err := o.ctx.Err(); err != nil {
			return err
		}
		content, err := o.readContent(p.loc)
		if err != nil {
			return fmt.Errorf("page %s: %w", p.loc, err)
		}
		runs := content.runs
		for _, id := range content.templates {
			tpl, err := o.template(doc, id, tplCache)
			if err != nil {
				return fmt.Errorf("template %s: %w", id, err)
			}
			runs = append(slices.Clone(tpl.runs), runs...)
		}
		// A text layer of garbage (a font whose codes are not Unicode, a
		// damaged file) is not indexed: the page's image, if it has one,
		// is read by OCR as an image-only page's, else the page is left
		// empty and marked unreadable.
		text := layoutRuns(runs)
		garbled := isGarbled(text)
		if garbled {
			text = ""
		}
		res.Pages = append(res.Pages, text)
		i := len(res.Pages) - 1
		if (len(runs) == 0 || garbled) && len(content.images) > 0 {
			pageMedia := o.readResources(p.loc, content.resFiles)
			if err := ocr.page(o, res, i, content.images, pageMedia, media); err != nil {
				return err
			}
		}
		if garbled && !ocr.leftOut(i) && (i >= len(res.PageSources) || res.PageSources[i] != SourceOCR && res.PageSources[i] != SourceOCRLow) {
			o.unreadable = append(o.unreadable, i) // no image, or its OCR failed
		}
	}
	seals := o.readSeals(resolveOFD("OFD.xml", b.signatures), doc)
	for id := range seals {
		for i, p := range doc.pages {
			if p.id == id {
				res.SealPages = append(res.SealPages, first+i+1)
			}
		}
	}
	return nil
}

// readDocumentXML reads the page list, the template pages and the
// resource files of Document.xml.
func (o *ofdFile) readDocumentXML(loc string) (*ofdDocument, error) {
	if loc == ".." || strings.HasPrefix(loc, "../") {
		// The archive never reads outside the zip; a location that leaves
		// it is no damage a reader re-export would mend.
		return nil, catalog.Errorf(catalog.EINVALID, "OFD 文件中的文档描述位置 %s 指向文件包之外，可能是异常文件，已拒绝处理；请用 OFD 阅读器打开后重新导出，或上传原始文件", clip(loc, 80))
	}
	if strings.EqualFold(loc, "OFD.xml") {
		// A root that names itself lists no page: damaged, not blank.
		return nil, catalog.Errorf(catalog.EINVALID, "OFD 文件的文档描述（DocRoot）指向 OFD.xml 本身，文件结构已损坏；请用 OFD 阅读器打开后重新导出再上传")
	}
	f := o.member(loc)
	if f == nil {
		return nil, catalog.Errorf(catalog.EINVALID, "OFD 文件中缺少文档描述 %s，可能已损坏；请用 OFD 阅读器打开后重新导出再上传", path.Base(loc))
	}
	doc := &ofdDocument{loc: loc, templates: map[string]string{}}
	var inPages, inRes bool
	var text strings.Builder
	err := o.z.readXML(o.ctx, f, func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "Pages":
				inPages = true
			case "Page":
				if inPages {
					if len(doc.pages) >= maxOFDPages {
						return catalog.Errorf(catalog.ETOOLARGE, "OFD 文件超过 %d 页，已停止处理；请拆分后上传", maxOFDPages)
					}
					doc.pages = append(doc.pages, ofdPageRef{id: attr(t, "ID"), loc: resolveOFD(loc, attr(t, "BaseLoc"))})
				}
			case "TemplatePage":
				doc.templates[attr(t, "ID")] = resolveOFD(loc, attr(t, "BaseLoc"))
			case "PublicRes", "DocumentRes":
				inRes = true
				text.Reset()
			}
		case xml.CharData:
			if inRes && text.Len() < 4096 {
				text.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "Pages":
				inPages = false
			case "PublicRes", "DocumentRes":
				inRes = false
				if s := strings.TrimSpace(text.String()); s != "" {
					doc.resFiles = append(doc.resFiles, s)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", loc, err)
	}
	for i, p := range doc.pages {
		if strings.EqualFold(p.loc, loc) || strings.EqualFold(p.loc, "OFD.xml") {
			// The page would read as empty, and the file as blank.
			return nil, catalog.Errorf(catalog.EINVALID, "OFD 文件中第 %d 页的位置指向文档描述本身，文件结构已损坏；请用 OFD 阅读器打开后重新导出再上传", i+1)
		}
	}
	return doc, nil
}

// template returns the content of a template page, read once per document.
func (o *ofdFile) template(doc *ofdDocument, id string, cache map[string]*ofdPageContent) (*ofdPageContent, error) {
	if c, ok := cache[id]; ok {
		return c, nil
	}
	loc, ok := doc.templates[id]
	if !ok {
		cache[id] = &ofdPageContent{} // a dangling reference shows nothing
		return cache[id], nil
	}
	cache[id] = &ofdPageContent{} // a template that names itself ends here
	c, err := o.readContent(loc)
	if err != nil {
		return nil, err
	}
	cache[id] = c
	return c, nil
}

// readContent reads one page or template content file. A BaseLoc may name
// the page's folder instead of its Content.xml; a missing page is empty.
func (o *ofdFile) readContent(loc string) (*ofdPageContent, error) {
	f := o.member(loc)
	if f == nil {
		f = o.member(path.Join(loc, "Content.xml"))
	}
	if f == nil {
		return &ofdPageContent{}, nil
	}
	w := ofdContentWalker{budget: &o.budget}
	if err := o.z.readXML(o.ctx, f, w.token); err != nil {
		return nil, err
	}
	return &w.out, nil
}

// member finds a zip member by its name, ignoring case, a leading slash and
// Windows separators, as producers differ in these.
func (o *ofdFile) member(name string) *zip.File {
	name = strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/")
	return o.names[strings.ToLower(path.Clean(name))]
}

// resolveOFD resolves a location found in the part at base: absolute from
// the package root when it starts with "/", else relative to base's folder.
func resolveOFD(base, loc string) string {
	loc = strings.TrimSpace(strings.ReplaceAll(loc, `\`, "/"))
	if loc == "" {
		return ""
	}
	if strings.HasPrefix(loc, "/") {
		return path.Clean(strings.TrimPrefix(loc, "/"))
	}
	return path.Join(path.Dir(base), loc)
}

// readResources maps MultiMedia IDs to member names from resource files
// (locations relative to the part at base). Broken resource files cost only
// their images.
func (o *ofdFile) readResources(base string, files []string) map[string]string {
	media := map[string]string{}
	for _, rf := range files {
		loc := resolveOFD(base, rf)
		f := o.member(loc)
		if f == nil {
			continue
		}
		// Media files are relative to Res@BaseLoc, a folder; resBase names a
		// file inside it so that resolveOFD takes the folder.
		resBase := loc
		var id string
		var inFile bool
		var text strings.Builder
		_ = o.z.readXML(o.ctx, f, func(tok xml.Token) error {
			switch t := tok.(type) {
			case xml.StartElement:
				switch t.Name.Local {
				case "Res":
					if b := attr(t, "BaseLoc"); b != "" {
						resBase = resolveOFD(loc, b) + "/x"
					}
				case "MultiMedia":
					id = attr(t, "ID")
				case "MediaFile":
					inFile = true
					text.Reset()
				}
			case xml.CharData:
				if inFile && text.Len() < 4096 {
					text.Write(t)
				}
			case xml.EndElement:
				if t.Name.Local == "MediaFile" {
					inFile = false
					media[id] = resolveOFD(resBase, strings.TrimSpace(text.String()))
				}
			}
			return nil
		})
	}
	return media
}

// clip cuts s after n runes, with an ellipsis, for a value from a file
// shown in a message.
func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
