package extract

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"fmt"
	"path"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

func init() { registerExtractor(FormatPPTX, extractPPTX) }

// maxSlides bounds the slide list of one presentation.
const maxSlides = 10000

// extractPPTX reads the slides of a presentation in their order
// (ppt/presentation.xml's sldIdLst, resolved through its relationships),
// each slide a page: the text of its a:t runs, a line per paragraph, table
// cells separated. Speaker notes are left out: they are not what the
// audience saw.
func extractPPTX(ctx context.Context, file string, lim Limits) (*Result, error) {
	z := newZipBudget(catalog.Words{Chinese: "PPTX 演示文稿", English: "The PPTX presentation"}, lim)
	zr, err := zip.OpenReader(file)
	if err != nil {
		return nil, fmt.Errorf("open zip: %v: %w", err, z.errCorrupt())
	}
	defer zr.Close()
	slides, err := pptxSlideOrder(ctx, z, &zr.Reader)
	if err != nil {
		return nil, err
	}
	budget := textBudget{max: lim.MaxTextBytes}
	res := &Result{Extractor: "pptx"}
	for _, name := range slides {
		f := findZipFile(&zr.Reader, name)
		if f == nil {
			res.Pages = append(res.Pages, "") // a listed slide that is missing keeps its number
			continue
		}
		text, err := pptxSlideText(ctx, z, f, &budget)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		res.Pages = append(res.Pages, text)
	}
	if core := findZipFile(&zr.Reader, "docProps/core.xml"); core != nil {
		res.Title = odtTitle(ctx, z, core) // dc:title, as in meta.xml
	}
	return res, nil
}

// pptxSlideOrder returns the zip names of the slides in presentation order.
func pptxSlideOrder(ctx context.Context, z *zipBudget, zr *zip.Reader) ([]string, error) {
	const pres = "ppt/presentation.xml"
	pf := findZipFile(zr, pres)
	if pf == nil {
		return nil, catalog.Errorf(catalog.EINVALID, "PPTX 文件中缺少 ppt/presentation.xml，可能已损坏或不是演示文稿；请用 PowerPoint 或 WPS 打开后另存为 PPTX 再上传")
	}
	var ids []string
	err := z.readXML(ctx, pf, func(tok xml.Token) error {
		if t, ok := tok.(xml.StartElement); ok && t.Name.Local == "sldId" {
			if len(ids) >= maxSlides {
				return catalog.Errorf(catalog.ETOOLARGE, "演示文稿超过 %d 张幻灯片，已停止处理；请拆分后上传", maxSlides)
			}
			ids = append(ids, attrNS(t, "http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id"))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", pres, err)
	}
	targets, err := relTargets(ctx, z, zr, pres)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		if t, ok := targets[id]; ok {
			names = append(names, t)
		}
	}
	return names, nil
}

// relTargets reads the relationships of a part: id → zip name of the target.
func relTargets(ctx context.Context, z *zipBudget, zr *zip.Reader, part string) (map[string]string, error) {
	dir, base := path.Split(part)
	rels := dir + "_rels/" + base + ".rels"
	f := findZipFile(zr, rels)
	if f == nil {
		return map[string]string{}, nil
	}
	out := map[string]string{}
	err := z.readXML(ctx, f, func(tok xml.Token) error {
		if t, ok := tok.(xml.StartElement); ok && t.Name.Local == "Relationship" && attr(t, "TargetMode") != "External" {
			target := attr(t, "Target")
			if strings.HasPrefix(target, "/") {
				target = strings.TrimPrefix(target, "/")
			} else {
				target = path.Join(dir, target)
			}
			out[attr(t, "Id")] = target
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rels, err)
	}
	return out, nil
}

// pptxSlideText collects the text of one slide.
func pptxSlideText(ctx context.Context, z *zipBudget, f *zip.File, budget *textBudget) (string, error) {
	var b strings.Builder
	inText, cell, cells := false, 0, 0
	write := func(s string) error {
		if err := budget.add(len(s)); err != nil {
			return err
		}
		b.WriteString(s)
		return nil
	}
	err := z.readXML(ctx, f, func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t":
				inText = true
			case "tc":
				cell++
				if cells++; cells > 1 {
					return write(cellSeparator)
				}
			case "tr":
				cells = 0
			case "br":
				return write("\n")
			case "tab":
				return write(" ")
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				if cell > 0 {
					return write(" ")
				}
				return write(paraBreak)
			case "tc":
				cell = max(cell-1, 0)
			case "tr":
				return write(rowBreak)
			}
		case xml.CharData:
			if inText {
				return write(string(t))
			}
		}
		return nil
	})
	return b.String(), err
}

// attrNS returns the value of the attribute with the namespace and local
// name, falling back to the local name alone.
func attrNS(t xml.StartElement, space, local string) string {
	for _, a := range t.Attr {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value
		}
	}
	return attr(t, local)
}
