package extract

import "testing"

func TestLargestListedImage(t *testing.T) {
	const head = "page   num  type   width height color comp bpc  enc interp  object ID x-ppi y-ppi size ratio\n" +
		"--------------------------------------------------------------------------------------------\n"
	tests := []struct {
		name, list string
		want       int
	}{
		{"一张竖拍照片", head + "   1     0 image    1241  1754  rgb     3   8  jpeg   no         5  0   150   150  117K 1.8%\n", 1754},
		{"横图取长边", head + "   3     2 image    4000  3000  rgb     3   8  jpeg   no        13  0   342   342  2.1M 6%\n", 4000},
		{"取面积最大的图", head + "   1     0 image      40   900  gray    1   8  image  no         5  0    10    10    1K 1%\n" +
			"   1     1 image    1200  1600  gray    1   8  image  no         6  0   150   150  100K 5%\n", 1600},
		{"蒙版不算", head + "   1     0 smask    5000  5000  gray    1   8  image  no         5  0    10    10    1K 1%\n", 0},
		{"没有图片", head, 0},
		{"乱码", "不是列表\n1 2 image x y\n", 0},
	}
	for _, tt := range tests {
		if got := largestListedImage(tt.list); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, got, tt.want)
		}
	}
}
