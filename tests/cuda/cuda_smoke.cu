// The CUDA smoke program: proves a toolchain compiles, links and runs CUDA code. nvcc builds a
// kernel into it; at run time it asks the CUDA runtime for a device.
//   no device (no NVIDIA driver, or a driver that sees no GPU): one line saying so on stdout,
//     exit 77, the kit's skip status;
//   a device: runs the kernel there, checks every result, prints the device, exit 0;
//   anything else (a driver older than the runtime, a failed launch): one line on stderr, exit 1.
#include <cuda_runtime.h>
#include <dlfcn.h>
#include <stdio.h>

enum { EXIT_NO_DEVICE = 77, N = 1024 };

__global__ void add_index(int *v, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) v[i] += i;
}

static int version_major(int v) { return v / 1000; }
static int version_minor(int v) { return v % 1000 / 10; }

static int failed(const char *what, cudaError_t err) {
  fprintf(stderr, "cuda-smoke: error: %s: %s (%s)\n", what, cudaGetErrorName(err), cudaGetErrorString(err));
  return 1;
}

static int run_kernel(void) {
  int host[N], *dev = NULL;
  for (int i = 0; i < N; i++) host[i] = 1;
  cudaError_t err = cudaMalloc(&dev, sizeof host);
  if (err != cudaSuccess) return failed("cudaMalloc", err);
  if ((err = cudaMemcpy(dev, host, sizeof host, cudaMemcpyHostToDevice)) == cudaSuccess) {
    add_index<<<(N + 255) / 256, 256>>>(dev, N);
    if ((err = cudaGetLastError()) == cudaSuccess)
      err = cudaMemcpy(host, dev, sizeof host, cudaMemcpyDeviceToHost);
  }
  cudaFree(dev);
  if (err != cudaSuccess) return failed("kernel run", err);
  for (int i = 0; i < N; i++) {
    if (host[i] != 1 + i) {
      fprintf(stderr, "cuda-smoke: error: the kernel computed v[%d] = %d, expected %d\n", i, host[i], 1 + i);
      return 1;
    }
  }
  printf("cuda-smoke: kernel ran on device 0: %d values checked\n", N);
  return 0;
}

int main(void) {
  // The runtime this program links (static cudart: the toolkit nvcc came with). CUDA 11 answers
  // cudaErrorNoDevice here when a driver sees no GPU; the version built in stays then.
  int runtime = CUDART_VERSION;
  if (cudaRuntimeGetVersion(&runtime) != cudaSuccess) runtime = CUDART_VERSION;

  // The runtime reports a missing driver and a too-old one alike (cudaErrorInsufficientDriver);
  // only the first means there is no device to use.
  void *driver = dlopen("libcuda.so.1", RTLD_LAZY | RTLD_LOCAL);
  if (!driver) {
    printf("cuda-smoke: no CUDA device present (CUDA runtime %d.%d; no NVIDIA driver: libcuda.so.1 not found)\n",
           version_major(runtime), version_minor(runtime));
    return EXIT_NO_DEVICE;
  }
  dlclose(driver);

  int count = 0;
  cudaError_t err = cudaGetDeviceCount(&count);
  if (err == cudaErrorNoDevice || (err == cudaSuccess && count == 0)) {
    printf("cuda-smoke: no CUDA device present (CUDA runtime %d.%d; the driver sees none: %s)\n",
           version_major(runtime), version_minor(runtime),
           err == cudaSuccess ? "0 devices" : cudaGetErrorString(err));
    return EXIT_NO_DEVICE;
  }
  if (err != cudaSuccess) return failed("cudaGetDeviceCount", err);

  int driver_version = 0;
  cudaDriverGetVersion(&driver_version);
  cudaDeviceProp prop;
  if ((err = cudaGetDeviceProperties(&prop, 0)) != cudaSuccess) return failed("cudaGetDeviceProperties", err);
  printf("cuda-smoke: device 0 of %d: %s, compute capability %d.%d, %.1f GiB; CUDA runtime %d.%d, driver %d.%d\n",
         count, prop.name, prop.major, prop.minor, prop.totalGlobalMem / (1024.0 * 1024 * 1024),
         version_major(runtime), version_minor(runtime),
         version_major(driver_version), version_minor(driver_version));
  return run_kernel();
}
