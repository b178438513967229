package blob

import "testing"

// syncfs reports a failed write-back from Linux 5.8 on; an older kernel,
// or a release that cannot be read, has each object synced on its own.
func TestKernelAtLeast(t *testing.T) {
	for _, tc := range []struct {
		release string
		want    bool
	}{
		{"6.18.44-fc-v1252", true},
		{"5.8.0", true},
		{"5.10.0-28-amd64", true},
		{"5.7.19", false},
		{"4.18.0-513.el8.x86_64", false},
		{"3.10.0", false},
		{"", false},
		{"unknown", false},
	} {
		if got := kernelAtLeast(tc.release, 5, 8); got != tc.want {
			t.Errorf("kernelAtLeast(%q, 5, 8) = %v, want %v", tc.release, got, tc.want)
		}
	}
}
