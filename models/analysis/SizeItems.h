#pragma once

#include "../core/SizeReport.h"
#include "SizeTree.h"

#include <vector>

namespace bl {

// A size report's functions as treemap items: crate → module path → function. With `groupGenerics`, type
// parameters are dropped from every path component, so all instantiations of a generic function fall together
// and its monomorphisation blow-up shows as one block.
std::vector<SizeItem> sizeItems(const SizeReport& report, bool groupGenerics = false);

// `Vec<T>::push::<u8>` → `Vec::push`: the path without generic arguments.
QString withoutGenerics(const QString& name);

} // namespace bl
