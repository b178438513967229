package catalog

import "strings"

// maxInList is how many IDs one IN list holds at most: a longer list
// failed on SQLite past 32,766 variables ("too many SQL variables") and on
// PostgreSQL past 65,535, and /values over every city and round grows
// without bound.
const maxInList = 512

// forInLists calls query with ids in runs of at most maxInList, each as
// the placeholder list of an IN, "(?,?,…)", and its arguments. A run is
// padded to a power of two with its last ID repeated (an IN list matches
// a row once however often it names it), so that a handful of statement
// shapes serve every length: each distinct length was a statement of its
// own in every connection's cache, pushing the often used ones out.
func forInLists(ids []string, query func(in string, args []any) error) error {
	for len(ids) > 0 {
		run := ids[:min(len(ids), maxInList)]
		ids = ids[len(run):]
		size := 1
		for size < len(run) {
			size *= 2
		}
		args := make([]any, size)
		for i := range args {
			args[i] = run[min(i, len(run)-1)]
		}
		if err := query("(?"+strings.Repeat(",?", size-1)+")", args); err != nil {
			return err
		}
	}
	return nil
}
