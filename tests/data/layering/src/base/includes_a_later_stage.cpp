// A base file that includes a header of the graph stage: CheckLayers.cmake must refuse it.
#include "guidegraph/site.hpp"
