package bench

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestUploadGroups holds that the requests carry a city's files together,
// as a folder is sent, however the corpus interleaves the cities.
func TestUploadGroups(t *testing.T) {
	big := strings.Repeat("字", groupBytes/3) // a file of groupBytes alone
	tests := []struct {
		name       string
		cities     string // one letter a file, its city
		pages      map[int]string
		perRequest int
		want       []string // each request's files, by index
	}{
		{"interleaved cities", "ababab", nil, 16, []string{"0 2 4", "1 3 5"}},
		{"at most perRequest", "aaaaba", nil, 2, []string{"0 1", "2 3", "4", "5"}},
		{"a file a request", "aba", nil, 1, []string{"0", "1", "2"}},
		{"a large file alone", "aaa", map[int]string{1: big}, 16, []string{"0", "1", "2"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := make([]uploadFile, len(tc.cities))
			for i, c := range tc.cities {
				d := &Doc{Name: strings.Repeat("x", i+1), City: string(c), Pages: []string{"一页"}}
				if p, ok := tc.pages[i]; ok {
					d.Pages = []string{p}
				}
				files[i] = uploadFile{doc: d}
			}
			var got []string
			for _, g := range uploadGroups(files, tc.perRequest) {
				var idx []string
				for _, f := range g {
					idx = append(idx, strconv.Itoa(len(f.doc.Name)-1))
				}
				got = append(got, strings.Join(idx, " "))
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("uploadGroups(%q, %d): got requests %q, want %q", tc.cities, tc.perRequest, got, tc.want)
			}
		})
	}
}
