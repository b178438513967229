package assignments

// SetAcceptAsked makes f run between Accept's question and its change
// until the test ends.
func SetAcceptAsked(f func(id string), cleanup func(func())) {
	acceptAsked = f
	cleanup(func() { acceptAsked = func(string) {} })
}
