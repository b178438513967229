package readerr

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

func TestSourceKeepsTheReadError(t *testing.T) {
	cut := errors.New("连接在传输中断开")
	for _, tc := range []struct {
		name string
		r    io.Reader
		want error
	}{
		{"whole", bytes.NewReader([]byte("学分银行工作总结")), nil},
		{"cut off", io.MultiReader(bytes.NewReader([]byte("学分")), iotest.ErrReader(cut)), cut},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := &Source{R: tc.r}
			_, err := io.Copy(io.Discard, src)
			if !errors.Is(src.Err, tc.want) || (tc.want == nil) != (src.Err == nil) {
				t.Errorf("Err = %v, want %v", src.Err, tc.want)
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("copy: %v, want %v", err, tc.want)
			}
		})
	}
}
