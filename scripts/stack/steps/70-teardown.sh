# shellcheck shell=bash
# Step 7: teardown (lib.sh): this run's projects, their volumes and the images it tagged; on a
# private engine also the prune, the engine stopped and the host network restored. The same
# runs from the EXIT trap when a run stops early.
if [ "${KEEP:-0}" != 1 ]; then
  TORN_DOWN=1
  step "7. teardown: this run's projects, volumes and images; engine stopped (if started here)" teardown
  remove_probes
  rm -rf "$RUN_DIR"
fi
