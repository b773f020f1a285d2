package io.kroute.inference.bandit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A compact, versioned binary form of arm evidence and bandit states, for state stores and the compacted
 * arm-state topic. Layout (big-endian): a format byte, then for decayed evidence {@code 'D'}, half-life,
 * reference time, updates, weight, sum, sum of squares (50 bytes in all); for windowed evidence {@code 'W'},
 * bucket width, bucket count, updates, the number of live buckets and each bucket's index and three sums; for
 * change-aware evidence {@code 'C'}, the threshold, then the recent and the history evidence, each as decayed evidence;
 * for change-detecting evidence {@code 'X'}, the threshold, the minimum weight, the changes, the segment's start,
 * the segment as decayed evidence, the number of detectors and each as decayed evidence; for CUSUM evidence
 * {@code 'S'}, warm-up, drift, threshold, reference time, count, sum, sum of squares, warm-up mean, the two test
 * statistics and the changes.
 */
public final class ArmStateCodec {

    public static final byte FORMAT = 1;
    private static final byte DECAYED = 'D';
    private static final byte WINDOWED = 'W';
    private static final byte CHANGE_AWARE = 'C';
    private static final byte CHANGE_DETECTING = 'X';
    private static final byte CUSUM = 'S';
    private static final int MAX_DETECTORS = 64;
    private static final int MAX_ARMS = 4096;

    private ArmStateCodec() {
    }

    public static byte[] encode(ArmEvidence evidence) {
        return write(out -> {
            out.writeByte(FORMAT);
            writeEvidence(out, evidence);
        });
    }

    public static ArmEvidence decodeEvidence(byte[] bytes) {
        return read(bytes, in -> {
            checkFormat(in);
            return readEvidence(in);
        });
    }

    /** A whole bandit state: forgetting, version, asOf and every arm with its prior and evidence. */
    public static byte[] encode(BanditState state) {
        return write(out -> {
            out.writeByte(FORMAT);
            writeEvidence(out, state.forgetting().empty());
            out.writeLong(state.version());
            out.writeLong(state.asOf());
            List<BanditState.Arm> arms = state.arms();
            out.writeInt(arms.size());
            for (BanditState.Arm arm : arms) {
                out.writeUTF(arm.id());
                out.writeDouble(arm.prior().alpha());
                out.writeDouble(arm.prior().beta());
                writeEvidence(out, arm.evidence());
            }
        });
    }

    public static BanditState decodeState(byte[] bytes) {
        return read(bytes, in -> {
            checkFormat(in);
            ArmEvidence kind = readEvidence(in);
            Forgetting forgetting;
            if (kind instanceof WindowedEvidence w) {
                forgetting = new Forgetting.SlidingWindow(w.bucketWidth(), w.bucketCount());
            } else if (kind instanceof ChangeAwareEvidence c) {
                forgetting = new Forgetting.ChangeAware(c.recent().halfLife(), c.history().halfLife(), c.threshold());
            } else if (kind instanceof ChangeDetectingEvidence x) {
                forgetting = new Forgetting.ChangeDetecting(x.segment().halfLife(), x.detectorHalfLives(),
                        x.threshold(), x.minimumWeight());
            } else if (kind instanceof CusumEvidence u) {
                forgetting = new Forgetting.Cusum(u.warmup(), u.drift(), u.threshold());
            } else {
                forgetting = new Forgetting.Exponential(((DecayedEvidence) kind).halfLife());
            }
            long version = in.readLong();
            long asOf = in.readLong();
            int count = in.readInt();
            if (count < 0 || count > MAX_ARMS) {
                throw new IllegalArgumentException("arm count: expected 0 to " + MAX_ARMS + ", found " + count);
            }
            List<BanditState.Arm> arms = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String id = in.readUTF();
                ArmPrior prior = new ArmPrior(in.readDouble(), in.readDouble());
                arms.add(new BanditState.Arm(id, prior, readEvidence(in)));
            }
            return BanditState.of(forgetting, version, asOf, arms);
        });
    }

    private static void writeEvidence(DataOutputStream out, ArmEvidence evidence) throws IOException {
        if (evidence instanceof DecayedEvidence d) {
            out.writeByte(DECAYED);
            out.writeDouble(d.halfLife());
            out.writeLong(d.referenceTime());
            out.writeLong(d.updates());
            out.writeDouble(d.weight());
            out.writeDouble(d.rewardSum());
            out.writeDouble(d.rewardSquareSum());
        } else if (evidence instanceof ChangeAwareEvidence c) {
            out.writeByte(CHANGE_AWARE);
            out.writeDouble(c.threshold());
            writeEvidence(out, c.recent());
            writeEvidence(out, c.history());
        } else if (evidence instanceof ChangeDetectingEvidence x) {
            out.writeByte(CHANGE_DETECTING);
            out.writeDouble(x.threshold());
            out.writeDouble(x.minimumWeight());
            out.writeLong(x.changes());
            out.writeLong(x.since());
            writeEvidence(out, x.segment());
            out.writeInt(x.detectors().size());
            for (DecayedEvidence d : x.detectors()) {
                writeEvidence(out, d);
            }
        } else if (evidence instanceof CusumEvidence u) {
            out.writeByte(CUSUM);
            out.writeInt(u.warmup());
            out.writeDouble(u.drift());
            out.writeDouble(u.threshold());
            out.writeLong(u.referenceTime());
            out.writeLong(u.count());
            out.writeDouble(u.rewardSum());
            out.writeDouble(u.rewardSquareSum());
            out.writeDouble(u.warmupMean());
            out.writeDouble(u.upper());
            out.writeDouble(u.lower());
            out.writeLong(u.changes());
        } else {
            WindowedEvidence w = (WindowedEvidence) evidence;
            out.writeByte(WINDOWED);
            out.writeLong(w.bucketWidth());
            out.writeInt(w.bucketCount());
            out.writeLong(w.updates());
            out.writeInt(w.buckets().size());
            for (WindowedEvidence.Bucket b : w.buckets()) {
                out.writeLong(b.index());
                out.writeDouble(b.weight());
                out.writeDouble(b.rewardSum());
                out.writeDouble(b.rewardSquareSum());
            }
        }
    }

    private static ArmEvidence readEvidence(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        if (kind == DECAYED) {
            return new DecayedEvidence(in.readDouble(), in.readLong(), in.readLong(), in.readDouble(),
                    in.readDouble(), in.readDouble());
        }
        if (kind == WINDOWED) {
            long width = in.readLong();
            int bucketCount = in.readInt();
            long updates = in.readLong();
            int live = in.readInt();
            if (live < 0 || live > bucketCount || live > 1_000_000) {
                throw new IllegalArgumentException("live buckets: expected 0 to " + bucketCount + ", found " + live);
            }
            List<WindowedEvidence.Bucket> buckets = new ArrayList<>(live);
            for (int i = 0; i < live; i++) {
                buckets.add(new WindowedEvidence.Bucket(in.readLong(), in.readDouble(), in.readDouble(), in.readDouble()));
            }
            return new WindowedEvidence(width, bucketCount, updates, buckets);
        }
        if (kind == CHANGE_AWARE) {
            double threshold = in.readDouble();
            ArmEvidence recent = readEvidence(in);
            ArmEvidence history = readEvidence(in);
            if (!(recent instanceof DecayedEvidence r) || !(history instanceof DecayedEvidence h)) {
                throw new IllegalArgumentException("change-aware evidence: expected two decayed parts, found "
                        + DecayedEvidence.describe(recent) + " and " + DecayedEvidence.describe(history));
            }
            return new ChangeAwareEvidence(r, h, threshold);
        }
        if (kind == CHANGE_DETECTING) {
            return readChangeDetecting(in);
        }
        if (kind == CUSUM) {
            return new CusumEvidence(in.readInt(), in.readDouble(), in.readDouble(), in.readLong(), in.readLong(),
                    in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readLong());
        }
        throw new IllegalArgumentException("evidence kind: expected 'D', 'W', 'C', 'X' or 'S', found byte " + kind);
    }

    private static ChangeDetectingEvidence readChangeDetecting(DataInputStream in) throws IOException {
        double threshold = in.readDouble();
        double minimumWeight = in.readDouble();
        long changes = in.readLong();
        long since = in.readLong();
        DecayedEvidence segment = decayedPart(readEvidence(in), "segment");
        int count = in.readInt();
        if (count < 1 || count > MAX_DETECTORS) {
            throw new IllegalArgumentException("detectors: expected 1 to " + MAX_DETECTORS + ", found " + count);
        }
        List<DecayedEvidence> detectors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            detectors.add(decayedPart(readEvidence(in), "detector"));
        }
        return new ChangeDetectingEvidence(segment, detectors, threshold, minimumWeight, changes, since);
    }

    private static DecayedEvidence decayedPart(ArmEvidence part, String what) {
        if (!(part instanceof DecayedEvidence d)) {
            throw new IllegalArgumentException("change-detecting evidence: expected a decayed " + what + ", found "
                    + DecayedEvidence.describe(part));
        }
        return d;
    }

    private static void checkFormat(DataInputStream in) throws IOException {
        byte format = in.readByte();
        if (format != FORMAT) {
            throw new IllegalArgumentException("arm state format: expected " + FORMAT + ", found " + format);
        }
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            T value = reader.read(in);
            if (in.available() > 0) {
                throw new IllegalArgumentException("arm state: expected end of data, found " + in.available()
                        + " more bytes");
            }
            return value;
        } catch (EOFException e) {
            throw new IllegalArgumentException("arm state: expected more data, found the end after " + bytes.length
                    + " bytes");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
