package extract

import (
	"encoding/xml"
	"path"
	"strings"
)

// readSeals returns the page IDs that carry a StampAnnot in any signature
// listed in the signatures file at loc. Documents without one, or with
// broken signature parts, have no seals: a seal is a fact to show, not a
// reason to refuse the text.
func (o *ofdFile) readSeals(loc string, doc *ofdDocument) map[string]bool {
	pages := map[string]bool{}
	var sigs []string
	if f := o.member(loc); loc != "" && f != nil {
		_ = o.z.readXML(o.ctx, f, func(tok xml.Token) error {
			if t, ok := tok.(xml.StartElement); ok && t.Name.Local == "Signature" {
				if b := attr(t, "BaseLoc"); b != "" {
					sigs = append(sigs, resolveOFD(loc, b))
				}
			}
			return nil
		})
	} else {
		// No Signatures entry: look for Signature.xml files beside the document.
		prefix := strings.ToLower(path.Dir(doc.loc)) + "/"
		for name, f := range o.names {
			if strings.HasPrefix(name, prefix) && path.Base(name) == "signature.xml" {
				sigs = append(sigs, f.Name)
			}
		}
	}
	for _, s := range sigs {
		f := o.member(s)
		if f == nil {
			f = o.member(path.Join(s, "Signature.xml"))
		}
		if f == nil {
			continue
		}
		_ = o.z.readXML(o.ctx, f, func(tok xml.Token) error {
			if t, ok := tok.(xml.StartElement); ok && t.Name.Local == "StampAnnot" {
				for _, ref := range strings.Fields(attr(t, "PageRef")) {
					pages[ref] = true
				}
			}
			return nil
		})
	}
	return pages
}
