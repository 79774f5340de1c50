package io.dedicate.compiler.diff;

import io.dedicate.bundle.model.Automation;
import io.dedicate.bundle.model.Driver;
import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.PlanModel;
import io.dedicate.bundle.model.Quantity;
import io.dedicate.bundle.model.Sizing;
import io.dedicate.bundle.model.SourceMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Compares two compiled bundles and says what the new one changes for instances created from the
 * old one. Offerings are matched by name (else by service ID), plans by ID (else by name),
 * parameters by name within each request ({@link ParameterDiff}), releases by name.
 *
 * <p>Breaking: an offering or plan removed, a service or plan ID changed, a plan's kind changed, a
 * parameter removed, its type changed, its values narrowed (range or length shrunk, enum value
 * dropped, pattern added or changed, made required), a create-only flag added, an upgrade path
 * removed, a persistent disk shrunk, releases or the stemcell changed while the offering's version
 * stayed (so {@code maintenance_info.version} changes only in SemVer build metadata, or not at all).
 * Compatible: the reverse of each, defaults and sizing changed, a plan renamed with its ID kept.
 */
public final class BundleDiff {

    private BundleDiff() {}

    /** Every change from {@code oldSide} to {@code newSide}, per offering in the new bundle's order. */
    public static List<Change> compare(BundleSide oldSide, BundleSide newSide) {
        List<Change> changes = new ArrayList<>();
        List<OfferingModel> matched = new ArrayList<>();
        for (OfferingModel after : newSide.model().offerings()) {
            Optional<OfferingModel> before = oldSide.offering(after.name(), after.id());
            if (before.isEmpty()) {
                changes.add(new Change(
                        "offering-added",
                        Impact.COMPATIBLE,
                        after.name(),
                        "offering `" + after.name() + "` is new",
                        null,
                        newSide.locate(after, SourceMap.OFFERING)));
                continue;
            }
            matched.add(before.get());
            OfferingPair pair = new OfferingPair(before.get(), after, oldSide, newSide);
            offering(pair);
            plans(pair);
            ParameterDiff.compare(pair);
            deployment(pair);
            changes.addAll(pair.changes());
        }
        for (OfferingModel before : oldSide.model().offerings()) {
            if (!matched.contains(before)) {
                changes.add(new Change(
                        "offering-removed",
                        Impact.BREAKING,
                        before.name(),
                        "offering `" + before.name() + "` is removed: the platform can no longer update, bind or"
                                + " delete its existing instances through this broker",
                        oldSide.locate(before, SourceMap.OFFERING),
                        null));
            }
        }
        return changes;
    }

    private static void offering(OfferingPair pair) {
        if (!pair.before.name().equals(pair.after.name())) {
            pair.add(
                    "offering-renamed",
                    Impact.COMPATIBLE,
                    "offering `" + pair.before.name() + "` is renamed `" + pair.after.name()
                            + "` with its service ID kept",
                    SourceMap.OFFERING,
                    SourceMap.OFFERING);
        }
        if (!pair.before.id().equals(pair.after.id())) {
            pair.add(
                    "service-id-changed",
                    Impact.BREAKING,
                    "service ID of `" + pair.after.name() + "` changes from " + pair.before.id() + " to "
                            + pair.after.id() + ": the platform knows existing instances by the old ID (pin it with"
                            + " `id \"" + pair.before.id() + "\"`)",
                    SourceMap.OFFERING,
                    SourceMap.OFFERING);
        }
    }

    // ------------------------------------------------------------ plans

    private static void plans(OfferingPair pair) {
        Map<String, String> renamed = new LinkedHashMap<>(); // old plan name -> new plan name
        for (PlanModel before : pair.before.plans()) {
            Optional<PlanModel> match = pair.after.plan(before.id()).or(() -> pair.after.planByName(before.name()));
            if (match.isEmpty()) {
                pair.add(
                        "plan-removed",
                        Impact.BREAKING,
                        "plan `" + before.name() + "` is removed: its existing instances can no longer be updated,"
                                + (before.isCluster() ? "" : " bound,") + " or moved to another plan",
                        SourceMap.plan(before.name()),
                        SourceMap.OFFERING);
                continue;
            }
            PlanModel after = match.get();
            renamed.put(before.name(), after.name());
            plan(pair, before, after);
        }
        for (PlanModel after : pair.after.plans()) {
            if (!renamed.containsValue(after.name())) {
                pair.add(
                        "plan-added",
                        Impact.COMPATIBLE,
                        after.kind().name().toLowerCase(java.util.Locale.ROOT) + " plan `" + after.name() + "` is new",
                        SourceMap.OFFERING,
                        SourceMap.plan(after.name()));
            }
        }
        for (PlanModel before : pair.before.plans()) {
            String afterName = renamed.get(before.name());
            if (afterName == null) {
                continue;
            }
            PlanModel after = pair.after.planByName(afterName).orElseThrow();
            upgrades(pair, before, after, renamed);
        }
    }

    private static void plan(OfferingPair pair, PlanModel before, PlanModel after) {
        String oldKey = SourceMap.plan(before.name());
        String newKey = SourceMap.plan(after.name());
        if (!before.id().equals(after.id())) {
            pair.add(
                    "plan-id-changed",
                    Impact.BREAKING,
                    "plan `" + after.name() + "` changes ID from " + before.id() + " to " + after.id()
                            + ": the platform knows existing instances by the old ID (pin it with `id \"" + before.id()
                            + "\"`)",
                    oldKey,
                    newKey);
        } else if (!before.name().equals(after.name())) {
            pair.add(
                    "plan-renamed",
                    Impact.COMPATIBLE,
                    "plan `" + before.name() + "` is renamed `" + after.name() + "` with its ID kept",
                    oldKey,
                    newKey);
        }
        if (before.kind() != after.kind()) {
            pair.add(
                    "plan-kind-changed",
                    Impact.BREAKING,
                    "plan `" + after.name() + "` changes from a " + kindName(before) + " plan to a " + kindName(after)
                            + " plan: its existing instances are of the other kind",
                    oldKey,
                    newKey);
            return;
        }
        if (before.sizing() != null && after.sizing() != null) {
            sizing(pair, after.name(), before.sizing(), after.sizing(), oldKey, newKey);
        }
        if (before.driver() != null
                && after.driver() != null
                && !before.driver().equals(after.driver())) {
            pair.add(
                    "driver-changed",
                    before.driver().name() == after.driver().name() ? Impact.COMPATIBLE : Impact.BREAKING,
                    "plan `" + after.name() + "`: driver " + driver(before.driver()) + " becomes "
                            + driver(after.driver())
                            + (before.driver().name() == after.driver().name()
                                    ? " (applies to new instances)"
                                    : ": existing instances were created by the other driver"),
                    oldKey,
                    newKey);
        }
    }

    private static String driver(Driver driver) {
        List<String> settings = new ArrayList<>();
        driver.settings().values().forEach((setting, value) -> settings.add(setting.key() + " " + value));
        return driver.name().driverName() + " { " + String.join("; ", settings) + " }";
    }

    private static String kindName(PlanModel plan) {
        return plan.isCluster() ? "cluster" : "child";
    }

    private static void sizing(
            OfferingPair pair, String plan, Sizing before, Sizing after, String oldKey, String newKey) {
        boolean shrunk = isShrunk(before, after);
        if (shrunk) {
            pair.add(
                    "disk-shrunk",
                    Impact.BREAKING,
                    "plan `" + plan + "`: persistent disk shrinks from " + disk(before) + " to " + disk(after)
                            + ": existing clusters' disks are replaced on their next update (BOSH copies the data,"
                            + " and fails when it does not fit)",
                    oldKey,
                    newKey);
        }
        boolean diskGrew = !shrunk && !Objects.equals(before.diskMb(), after.diskMb());
        boolean otherChange =
                !new Sizing(after.instances(), after.vmType(), before.diskMb(), after.azs()).equals(before);
        if (diskGrew || otherChange) {
            pair.add(
                    "sizing-changed",
                    Impact.COMPATIBLE,
                    "plan `" + plan + "`: sizing " + sizing(before) + " becomes " + sizing(after)
                            + ": existing clusters are resized on their next update",
                    oldKey,
                    newKey);
        }
    }

    private static String disk(Sizing sizing) {
        return sizing.diskMb() == null ? "none" : megabytes(sizing.diskMb());
    }

    private static boolean isShrunk(Sizing before, Sizing after) {
        return before.diskMb() != null && (after.diskMb() == null || after.diskMb() < before.diskMb());
    }

    private static String sizing(Sizing sizing) {
        List<String> parts = new ArrayList<>();
        sizing.instances().forEach((group, count) -> parts.add(group + " " + count));
        String text = "instances " + String.join(", ", parts);
        if (sizing.vmType() != null) {
            text += ", vm_type " + sizing.vmType();
        }
        if (sizing.diskMb() != null) {
            text += ", disk " + megabytes(sizing.diskMb());
        }
        if (!sizing.azs().isEmpty()) {
            text += ", azs " + String.join(", ", sizing.azs());
        }
        return "(" + text + ")";
    }

    private static String megabytes(int mb) {
        return Quantity.readable(mb * 1024L * 1024L, Quantity.Dimension.BYTES);
    }

    private static void upgrades(OfferingPair pair, PlanModel before, PlanModel after, Map<String, String> renamed) {
        for (String target : before.upgradesTo()) {
            String newTarget = renamed.get(target);
            if (newTarget == null) {
                continue; // the target plan is removed, which is reported
            }
            if (!after.upgradesTo().contains(newTarget)) {
                pair.add(
                        "upgrade-path-removed",
                        Impact.BREAKING,
                        "upgrade path `" + before.name() + " -> " + target + "` is removed: existing clusters on `"
                                + after.name() + "` can no longer move to `" + newTarget + "`",
                        SourceMap.upgrade(before.name(), target),
                        SourceMap.plan(after.name()));
            }
        }
        for (String target : after.upgradesTo()) {
            if (!renamed.containsValue(target) || !before.upgradesTo().contains(oldName(renamed, target))) {
                pair.add(
                        "upgrade-path-added",
                        Impact.COMPATIBLE,
                        "upgrade path `" + after.name() + " -> " + target + "` is new",
                        SourceMap.plan(before.name()),
                        SourceMap.upgrade(after.name(), target));
            }
        }
    }

    private static @Nullable String oldName(Map<String, String> renamed, String newName) {
        return renamed.entrySet().stream()
                .filter(e -> e.getValue().equals(newName))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }

    // ------------------------------------------------------------ releases and stemcell

    private static void deployment(OfferingPair pair) {
        Automation before = pair.before.automation();
        Automation after = pair.after.automation();
        List<String> changed = new ArrayList<>();
        String firstOldKey = SourceMap.OFFERING;
        String firstNewKey = SourceMap.OFFERING;
        for (Automation.Release old : before.releases()) {
            Optional<Automation.Release> now = after.releases().stream()
                    .filter(r -> r.name().equals(old.name()))
                    .findFirst();
            String key = SourceMap.release(old.name());
            if (now.isEmpty()) {
                changed.add("release " + old.name() + " " + old.version() + " removed");
                pair.add(
                        "release-changed",
                        Impact.COMPATIBLE,
                        "release `" + old.name() + "` " + old.version() + " is removed",
                        key,
                        SourceMap.OFFERING);
            } else if (!now.get().version().equals(old.version())) {
                changed.add("release " + old.name() + " " + old.version() + " -> "
                        + now.get().version());
                pair.add(
                        "release-changed",
                        Impact.COMPATIBLE,
                        "release `" + old.name() + "` " + old.version() + " becomes "
                                + now.get().version(),
                        key,
                        key);
            } else {
                continue;
            }
            if (changed.size() == 1) {
                firstOldKey = key;
                firstNewKey = now.isPresent() ? key : SourceMap.OFFERING;
            }
        }
        for (Automation.Release now : after.releases()) {
            if (before.releases().stream().noneMatch(r -> r.name().equals(now.name()))) {
                changed.add("release " + now.name() + " " + now.version() + " added");
                String key = SourceMap.release(now.name());
                pair.add(
                        "release-changed",
                        Impact.COMPATIBLE,
                        "release `" + now.name() + "` " + now.version() + " is new",
                        SourceMap.OFFERING,
                        key);
                if (changed.size() == 1) {
                    firstNewKey = key;
                }
            }
        }
        if (!Objects.equals(before.stemcell(), after.stemcell())) {
            changed.add("stemcell " + stemcell(before.stemcell()) + " -> " + stemcell(after.stemcell()));
            pair.add(
                    "stemcell-changed",
                    Impact.COMPATIBLE,
                    "stemcell " + stemcell(before.stemcell()) + " becomes " + stemcell(after.stemcell()),
                    SourceMap.STEMCELL,
                    SourceMap.STEMCELL);
            if (changed.size() == 1) {
                firstOldKey = SourceMap.STEMCELL;
                firstNewKey = SourceMap.STEMCELL;
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        String oldVersion = pair.before.maintenanceInfo().version();
        String newVersion = pair.after.maintenanceInfo().version();
        String what = String.join(", ", changed);
        if (oldVersion.equals(newVersion)) {
            pair.add(
                    "unversioned-deployment-change",
                    Impact.BREAKING,
                    what + ", but maintenance_info.version stays " + oldVersion
                            + ": existing clusters are not offered an upgrade, and their next update deploys the"
                            + " change unannounced; bump the offering's version",
                    firstOldKey,
                    firstNewKey);
        } else if (pair.before.version().equals(pair.after.version())) {
            pair.add(
                    "unversioned-deployment-change",
                    Impact.BREAKING,
                    what + ", but the offering's version stays " + pair.after.version()
                            + ": maintenance_info.version changes only in its build metadata (" + oldVersion + " -> "
                            + newVersion + "), which SemVer ignores when it orders versions, and an existing"
                            + " cluster's next update deploys the change; bump the offering's version",
                    SourceMap.OFFERING,
                    SourceMap.OFFERING);
        } else {
            pair.add(
                    "upgrade-offered",
                    Impact.COMPATIBLE,
                    what + ": existing clusters are offered an upgrade (maintenance_info.version " + oldVersion + " -> "
                            + newVersion + ")",
                    SourceMap.OFFERING,
                    SourceMap.OFFERING);
        }
    }

    private static String stemcell(Automation.@Nullable Stemcell stemcell) {
        return stemcell == null ? "(none)" : stemcell.os() + " " + stemcell.version();
    }
}
