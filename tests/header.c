/* The umbrella header compiles alone with -pedantic (tests/CMakeLists.txt). */
#include <cb.h>

int
main(void)
{
	return CB_RULE_COUNT == 0;
}
