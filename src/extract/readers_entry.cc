// The one exported symbol of arkiv-readers.so (see readers.h).
#include "arkiv/pipeline.h"
#include "extract/readers.h"

extern "C" __attribute__((visibility("default"))) const arkiv::extract::ReadersApi* arkiv_readers() {
  static const arkiv::extract::ReadersApi kApi{arkiv::extract::kReadersAbi, &arkiv::extract::extract,
                                               &arkiv::extract::pdf_backend_version};
  return &kApi;
}
