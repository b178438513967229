package ingest

import (
	"context"
	"fmt"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/fields"
)

// settleMisreadNumber takes, for a 文号 the field reader could read two
// ways (fields.Field.Misread: 上政发〔2022〕184, a 184号 whose 号 OCR lost
// or 18号 with its 号 read as 4), the other reading when a live document
// of d's city, other bytes, has it as its 文号: the text layer of the
// notice a scan is of says what the scan's number is. The 文号 stays a
// guess either way (推断), for a person to check. The text alone cannot
// tell the two apart, and revision 11 of the reader, which always took
// the 4 for the 号, read a true 114 as 11号.
func settleMisreadNumber(ctx context.Context, cat *catalog.Store, d *catalog.Document, f *fields.Fields) error {
	alt := f.DocNumber.Misread
	if alt == "" {
		return nil
	}
	probe := &catalog.Document{ID: d.ID, SHA256: d.SHA256, City: d.City, DocNumber: alt}
	found, err := cat.SameDocNumber(ctx, []*catalog.Document{probe}, 1)
	if err != nil {
		return fmt.Errorf("look up the 文号 %s read off %s: %w", alt, d.ID, err)
	}
	if len(found[d.ID]) > 0 {
		f.DocNumber.Value = alt
	}
	return nil
}
