package index

import (
	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zapv17 "github.com/blevesearch/zapx/v17"

	"github.com/lcmonitor/evidence/internal/lowprio"
)

// lowPrioritySegments is Bleve's segment format (zap 17, as before: the
// index's files do not change) with the building and merging of segments
// run as low-priority work (internal/lowprio): merges are a tenth of
// serve's CPU under make load, and a search waiting behind one waits for
// nothing it needs.
type lowPrioritySegments struct {
	*zapv17.ZapPlugin
}

func init() {
	scorch.RegisterSegmentPlugin(lowPrioritySegments{&zapv17.ZapPlugin{}}, true)
}

func (p lowPrioritySegments) New(results []index.Document) (seg segment.Segment, n uint64, err error) {
	lowprio.Run(func() { seg, n, err = p.ZapPlugin.New(results) })
	return seg, n, err
}

func (p lowPrioritySegments) NewUsing(results []index.Document, config map[string]interface{}) (seg segment.Segment, n uint64, err error) {
	lowprio.Run(func() { seg, n, err = p.ZapPlugin.NewUsing(results, config) })
	return seg, n, err
}

func (p lowPrioritySegments) Merge(segments []segment.Segment, drops []*roaring.Bitmap, path string,
	closeCh chan struct{}, s segment.StatsReporter) (nums [][]uint64, n uint64, err error) {
	lowprio.Run(func() { nums, n, err = p.ZapPlugin.Merge(segments, drops, path, closeCh, s) })
	return nums, n, err
}

func (p lowPrioritySegments) MergeUsing(segments []segment.Segment, drops []*roaring.Bitmap, path string,
	closeCh chan struct{}, s segment.StatsReporter, config map[string]interface{}) (nums [][]uint64, n uint64, err error) {
	lowprio.Run(func() { nums, n, err = p.ZapPlugin.MergeUsing(segments, drops, path, closeCh, s, config) })
	return nums, n, err
}
