package catalog

import "slices"

// IfMatch is the versions of an object a change may be built on, as a
// client's If-Match header names them (RFC 9110, 13.1.1). Nil sets no
// condition: no header, or *, which any object that exists meets.
// Otherwise the change is made only while the object's version is one of
// them; an empty list that is not nil (the header named weak tags only,
// which If-Match's strong comparison never matches) allows none.
type IfMatch []string

// Allows reports whether a change may be built on an object at version.
func (m IfMatch) Allows(version string) bool {
	return m == nil || slices.Contains(m, version)
}

// On is the version a change built on m is to be made on, given that the
// object is at version now: "" when m sets no condition, now when m
// allows it, else a version the object is not at (one m names, or "-"),
// so that the store's own check, made with the change, refuses it.
func (m IfMatch) On(now string) string {
	switch {
	case m == nil:
		return ""
	case m.Allows(now):
		return now
	case len(m) > 0:
		return m[0]
	}
	return "-"
}
