# The kit's dev images, one Dockerfile for the three compose services: BASE_IMAGE selects the
# CUDA devel base (dev-cuda's default) or Debian 12 (dev) or Debian 13 (dev-trixie) or a locally
# built base (CI), and WITH_CUDA=1 (dev-cuda) makes the image CUDA-capable on any base.
# The packages come from ci/install-deps.sh, the kit's single package list.
ARG BASE_IMAGE=nvidia/cuda:12.6.3-devel-ubuntu24.04
FROM ${BASE_IMAGE}

SHELL ["/bin/bash", "-euo", "pipefail", "-c"]
ENV DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8

# Only the files copied here are in the build context (.dockerignore), so editing sources never
# invalidates a package layer.
COPY ci/install-deps.sh /opt/syscost/install-deps.sh
RUN /opt/syscost/install-deps.sh \
 && /opt/syscost/install-deps.sh --list >/opt/syscost/packages.txt \
 && rm -rf /var/lib/apt/lists/*

# The CUDA layer comes after the package layer, so dev and dev-cuda on the same base share
# that one. A base with a CUDA toolkit keeps it; otherwise Debian's nvidia-cuda-toolkit.
ARG WITH_CUDA=1
ARG CUDA_APT_COMPONENTS=
COPY ci/lib.sh ci/apt-sources.sh /opt/syscost/ci/
COPY containers/install-cuda-toolkit.sh /opt/syscost/install-cuda-toolkit.sh
RUN if [[ $WITH_CUDA == 1 ]]; then /opt/syscost/install-cuda-toolkit.sh && rm -rf /var/lib/apt/lists/*; fi

# The repo is bind-mounted and usually owned by the host user, not by root: let git
# (gitHash in the CSV) trust it anyway.
RUN git config --system --add safe.directory /workspace

# The walkthrough prefixes profiling with sudo. Here we already are root, and with every
# capability but the profiling ones dropped real sudo could not switch groups, so sudo
# only runs the command.
COPY containers/sudo-as-root.sh /usr/local/bin/sudo

WORKDIR /workspace
CMD ["bash"]
