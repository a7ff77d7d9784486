# The kit's dev image, one Dockerfile for both compose services: BASE_IMAGE selects the
# CUDA devel base (dev-cuda, the default) or Debian 12 (dev) or a locally built base (CI).
# The packages come from ci/install-deps.sh, the kit's single package list.
ARG BASE_IMAGE=nvidia/cuda:12.6.3-devel-ubuntu24.04
FROM ${BASE_IMAGE}

SHELL ["/bin/bash", "-euo", "pipefail", "-c"]
ENV DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8

# Only this script is in the build context (.dockerignore), so editing sources never
# invalidates the package layer.
COPY ci/install-deps.sh /opt/syscost/install-deps.sh
RUN /opt/syscost/install-deps.sh \
 && /opt/syscost/install-deps.sh --list >/opt/syscost/packages.txt \
 && rm -rf /var/lib/apt/lists/*

# The repo is bind-mounted and usually owned by the host user, not by root: let git
# (gitHash in the CSV) trust it anyway.
RUN git config --system --add safe.directory /workspace

# The walkthrough prefixes profiling with sudo. Here we already are root, and with every
# capability but the profiling ones dropped real sudo could not switch groups, so sudo
# only runs the command.
COPY containers/sudo-as-root.sh /usr/local/bin/sudo

WORKDIR /workspace
CMD ["bash"]
