#!/usr/bin/env bash
# Makes the dump `headroom import proxmox --from` reads (README, "Importing a Proxmox VE cluster"):
# a copy of /etc/pve without secrets and three kinds of pvesh answers, tarred.
#
#   scripts/proxmox-dump.sh [OUT.tar.gz]     run as root on any one node of the cluster
#
#   pve-dump/etc-pve/                 /etc/pve without priv/ (keys, tokens), *.key, *.pem, the node
#                                     symlinks (local, qemu-server, lxc, openvz) and user.cfg's token lines
#   pve-dump/api/cluster-resources.json   pvesh get /cluster/resources --output-format json
#   pve-dump/api/cluster-status.json      pvesh get /cluster/status --output-format json
#   pve-dump/api/nodes/<node>/status.json pvesh get /nodes/<node>/status --output-format json
#
# An offline node answers no status call: it is left out, with a warning, and headroom sizes that
# node from cluster-resources. Nothing here writes to /etc/pve.
# HEADROOM_PVE_ETC overrides /etc/pve (the tests point it at a fake one; pvesh comes from PATH).
set -euo pipefail

pve_etc="${HEADROOM_PVE_ETC:-/etc/pve}"
out="${1:-pve-dump-$(hostname -s)-$(date -u +%Y%m%dT%H%M%SZ).tar.gz}"

[ -d "$pve_etc/nodes" ] || { echo "proxmox-dump: $pve_etc/nodes not found: run this on a Proxmox VE node" >&2; exit 2; }
command -v pvesh >/dev/null || { echo "proxmox-dump: pvesh not found: run this on a Proxmox VE node" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dump="$work/pve-dump"
mkdir -p "$dump/etc-pve" "$dump/api/nodes"

# Regular files only (the node symlinks would copy guests twice), never priv/, keys or certificates.
(cd "$pve_etc" && find . -path ./priv -prune -o -type f ! -name '*.key' ! -name '*.pem' -print0) \
  | tar -C "$pve_etc" --null -T - -cf - | tar -C "$dump/etc-pve" -xf -
# user.cfg names API tokens (their secrets are in priv/): drop those lines.
if [ -f "$dump/etc-pve/user.cfg" ]; then
  grep -v '^token:' "$dump/etc-pve/user.cfg" > "$work/user.cfg" || true
  mv "$work/user.cfg" "$dump/etc-pve/user.cfg"
fi

pvesh get /cluster/resources --output-format json > "$dump/api/cluster-resources.json"
pvesh get /cluster/status --output-format json > "$dump/api/cluster-status.json" \
  || { echo "proxmox-dump: warning: /cluster/status failed: left out" >&2; rm -f "$dump/api/cluster-status.json"; }
for node_dir in "$pve_etc"/nodes/*/; do
  node="$(basename "$node_dir")"
  mkdir -p "$dump/api/nodes/$node"
  if ! pvesh get "/nodes/$node/status" --output-format json > "$dump/api/nodes/$node/status.json" 2> "$work/pvesh.err"; then
    echo "proxmox-dump: warning: node $node answered no status (offline?): left out; $(head -n 1 "$work/pvesh.err")" >&2
    rm -rf "${dump:?}/api/nodes/$node"
  fi
done

tar -C "$work" -czf "$out" pve-dump
echo "proxmox-dump: wrote $out"
