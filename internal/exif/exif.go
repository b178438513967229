// Package exif reads the one EXIF tag the archive needs: the Orientation a
// phone writes when it stores a photo's rows as the sensor had them.
package exif

import (
	"bytes"
	"encoding/binary"
)

// Orientation returns the EXIF Orientation (1–8) of a JPEG, 1 when the
// data is not a JPEG or has no valid tag.
func Orientation(data []byte) int {
	o, _, _ := find(data)
	return o
}

// Upright returns a JPEG's bytes with its EXIF Orientation set to 1, for
// pixels already turned upright by whoever wrote them (heif-convert turns
// a HEIC's pixels as its rotation says and keeps the iPhone's EXIF tag,
// which would turn them again); data as it is when it has no such tag.
func Upright(data []byte) []byte {
	o, at, order := find(data)
	if o == 1 || at < 0 {
		return data
	}
	out := bytes.Clone(data)
	order.PutUint16(out[at:], 1)
	return out
}

// find returns the Orientation, the offset in data of its value (-1 when
// there is none) and the byte order it is written in.
func find(data []byte) (int, int, binary.ByteOrder) {
	if !bytes.HasPrefix(data, []byte{0xFF, 0xD8}) {
		return 1, -1, nil
	}
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			return 1, -1, nil
		}
		marker := data[i+1]
		if marker == 0xFF {
			i++ // a fill byte
			continue
		}
		if marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7) {
			i += 2 // a marker without a length
			continue
		}
		if marker == 0xDA || marker == 0xD9 {
			return 1, -1, nil // image data: no EXIF comes after it
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return 1, -1, nil
		}
		seg := data[i+4 : i+2+n]
		if marker == 0xE1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			o, at, order := tiffOrientation(seg[6:])
			if at >= 0 {
				at += i + 4 + 6
			}
			return o, at, order
		}
		i += 2 + n
	}
	return 1, -1, nil
}

// tiffOrientation reads tag 0x0112 from the first IFD of an EXIF TIFF
// block: its value, the value's offset in t (-1 when none) and the order.
func tiffOrientation(t []byte) (int, int, binary.ByteOrder) {
	if len(t) < 8 {
		return 1, -1, nil
	}
	var order binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return 1, -1, nil
	}
	off := int64(order.Uint32(t[4:8]))
	if off < 8 || off+2 > int64(len(t)) {
		return 1, -1, nil
	}
	n := int64(order.Uint16(t[off:]))
	for k := int64(0); k < n; k++ {
		e := off + 2 + 12*k
		if e+12 > int64(len(t)) {
			return 1, -1, nil
		}
		if order.Uint16(t[e:]) != 0x0112 {
			continue
		}
		v := int(order.Uint16(t[e+8:])) // a SHORT sits at the start of the value field
		if v < 1 || v > 8 {
			return 1, -1, nil
		}
		return v, int(e + 8), order
	}
	return 1, -1, nil
}

// WithOrientation returns a JPEG's bytes with an APP1 EXIF block put
// first whose IFD holds Orientation o, in the byte order given ("II" or
// "MM"), as phone cameras write it: for tests and fixtures.
func WithOrientation(data []byte, o uint16, order string) []byte {
	var bo binary.AppendByteOrder = binary.LittleEndian
	if order == "MM" {
		bo = binary.BigEndian
	}
	tiff := []byte(order)
	tiff = bo.AppendUint16(tiff, 42)
	tiff = bo.AppendUint32(tiff, 8)
	tiff = bo.AppendUint16(tiff, 2)                                         // two entries
	tiff = bo.AppendUint16(bo.AppendUint16(tiff, 0x010F), 2)                // Make, ASCII
	tiff = bo.AppendUint32(bo.AppendUint32(tiff, 4), 0x00414248)            // "HBA" in place
	tiff = bo.AppendUint16(bo.AppendUint16(tiff, 0x0112), 3)                // Orientation, SHORT
	tiff = bo.AppendUint16(bo.AppendUint16(bo.AppendUint32(tiff, 1), o), 0) // count 1, value, padding
	tiff = bo.AppendUint32(tiff, 0)                                         // no next IFD
	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := binary.BigEndian.AppendUint16([]byte{0xFF, 0xE1}, uint16(len(payload)+2))
	out := append(append(append([]byte{}, data[:2]...), seg...), payload...)
	return append(out, data[2:]...)
}
