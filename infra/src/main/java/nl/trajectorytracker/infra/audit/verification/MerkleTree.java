package nl.trajectorytracker.infra.audit.verification;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An append-only Merkle tree of RFC 9162 (Certificate Transparency 2.0), section 2.1: leaf hash
 * {@code SHA-256(0x00 || leaf)}, node hash {@code SHA-256(0x01 || left || right)}, the tree of {@code n} leaves split
 * at the largest power of two below {@code n}. It answers the root of any earlier size, inclusion proofs (2.1.3) and
 * consistency proofs (2.1.4) in O(log n) by keeping the hash of every complete, aligned subtree; it also verifies
 * both kinds of proof (2.1.3.2, 2.1.4.2), which is all an offline verifier needs.
 *
 * <p>Not thread-safe for appends; readers of sizes already appended may run alongside one appender if callers
 * publish the size safely (the audit log guards both with one lock).
 */
public final class MerkleTree {

    public static final int HASH_BYTES = 32;

    /** {@code levels.get(k)} holds the hashes of the complete subtrees of {@code 2^k} leaves, left to right. */
    private final List<HashList> levels = new ArrayList<>();
    private long size;

    public long size() {
        return size;
    }

    /** Appends a leaf given by its leaf hash ({@link #leafHash}). */
    public void append(byte[] leafHash) {
        requireHash(leafHash);
        level(0).add(leafHash);
        size++;
        // every complete pair at the end of a level makes one node on the level above
        byte[] node = leafHash;
        long index = size - 1;
        int level = 0;
        while ((index & 1) == 1) {
            byte[] left = levels.get(level).get(index - 1);
            node = nodeHash(left, node);
            index >>= 1;
            level++;
            level(level).add(node);
        }
    }

    public byte[] leaf(long index) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("No leaf " + index + " in a tree of " + size);
        }
        return levels.get(0).get(index);
    }

    /** The root hash of the first {@code treeSize} leaves (the empty tree's is SHA-256 of nothing). */
    public byte[] root(long treeSize) {
        requireSize(treeSize);
        return treeSize == 0 ? sha256(new byte[0]) : subtree(0, treeSize);
    }

    /** RFC 9162 2.1.3.1: the audit path of leaf {@code index} in the tree of the first {@code treeSize} leaves. */
    public List<byte[]> inclusionProof(long index, long treeSize) {
        requireSize(treeSize);
        if (index < 0 || index >= treeSize) {
            throw new IllegalArgumentException("Leaf " + index + " is not in a tree of " + treeSize);
        }
        List<byte[]> path = new ArrayList<>();
        path(index, 0, treeSize, path);
        return path;
    }

    /** RFC 9162 2.1.4.1: the proof that the tree of {@code first} leaves is a prefix of the tree of {@code second}. */
    public List<byte[]> consistencyProof(long first, long second) {
        requireSize(second);
        if (first < 1 || first > second) {
            throw new IllegalArgumentException("No consistency proof from " + first + " to " + second);
        }
        List<byte[]> proof = new ArrayList<>();
        if (first < second) {
            subproof(first, 0, second, true, proof);
        }
        return proof;
    }

    private void path(long index, long from, long to, List<byte[]> path) {
        if (to - from == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(to - from);
        if (index - from < k) {
            path(index, from, from + k, path);
            path.add(subtree(from + k, to));
        } else {
            path(index, from + k, to, path);
            path.add(subtree(from, from + k));
        }
    }

    private void subproof(long m, long from, long to, boolean whole, List<byte[]> proof) {
        long n = to - from;
        if (m == n) {
            if (!whole) {
                proof.add(subtree(from, to));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, from, from + k, whole, proof);
            proof.add(subtree(from + k, to));
        } else {
            subproof(m - k, from + k, to, false, proof);
            proof.add(subtree(from, from + k));
        }
    }

    /** MTH of leaves {@code [from, to)}: complete aligned subtrees are looked up, a ragged right edge is split. */
    private byte[] subtree(long from, long to) {
        long n = to - from;
        if (Long.bitCount(n) == 1 && from % n == 0) {
            return levels.get(Long.numberOfTrailingZeros(n)).get(from / n);
        }
        long k = largestPowerOfTwoBelow(n);
        return nodeHash(subtree(from, from + k), subtree(from + k, to));
    }

    // ---------------------------------------------------------------- verification (RFC 9162 2.1.3.2, 2.1.4.2)

    /** Whether {@code proof} shows the leaf with {@code leafHash} at {@code index} in the tree with {@code root}. */
    public static boolean verifyInclusion(long index, long treeSize, byte[] leafHash, List<byte[]> proof,
            byte[] root) {
        if (index < 0 || index >= treeSize) {
            return false;
        }
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /** Whether {@code proof} shows the tree of {@code first} leaves with root {@code firstRoot} is a prefix. */
    public static boolean verifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot,
            List<byte[]> proof) {
        if (first < 1 || first > second) {
            return false;
        }
        if (first == second) {
            return proof.isEmpty() && Arrays.equals(firstRoot, secondRoot);
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstRoot);
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot);
    }

    // ---------------------------------------------------------------- hashing

    public static byte[] leafHash(byte[] leaf) {
        MessageDigest sha256 = ChainHash.sha256();
        sha256.update((byte) 0x00);
        return sha256.digest(leaf);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha256 = ChainHash.sha256();
        sha256.update((byte) 0x01);
        sha256.update(left);
        return sha256.digest(right);
    }

    private static byte[] sha256(byte[] bytes) {
        return ChainHash.sha256().digest(bytes);
    }

    private static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    private HashList level(int level) {
        while (levels.size() <= level) {
            levels.add(new HashList());
        }
        return levels.get(level);
    }

    private void requireSize(long treeSize) {
        if (treeSize < 0 || treeSize > size) {
            throw new IllegalArgumentException("No tree of size " + treeSize + "; the log holds " + size);
        }
    }

    private static void requireHash(byte[] hash) {
        if (hash == null || hash.length != HASH_BYTES) {
            throw new IllegalArgumentException("A hash is " + HASH_BYTES + " bytes");
        }
    }

    /** Hashes packed in one growing array: 32 bytes a hash, no object per hash. */
    private static final class HashList {

        private byte[] bytes = new byte[HASH_BYTES * 64];
        private long count;

        void add(byte[] hash) {
            long end = (count + 1) * HASH_BYTES;
            if (end > bytes.length) {
                if (bytes.length > Integer.MAX_VALUE / 2) {
                    throw new IllegalStateException("The audit log outgrew one array per level");
                }
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            System.arraycopy(hash, 0, bytes, (int) (count * HASH_BYTES), HASH_BYTES);
            count++;
        }

        byte[] get(long index) {
            int from = (int) (index * HASH_BYTES);
            return Arrays.copyOfRange(bytes, from, from + HASH_BYTES);
        }
    }
}
