package nl.trajectorytracker.infra.audit.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;

import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The audit log's Merkle tree against RFC 9162 (and RFC 6962, which defines the same tree): the root hashes of the
 * reference test vectors (the eight leaf inputs of the Certificate Transparency reference implementation, also in
 * transparency-dev/merkle's test data), and every inclusion and consistency proof for trees of up to 40 leaves
 * checked by an independent verifier written here from the recursive definitions of section 2.1, not from the
 * iterative algorithms the production verifier follows.
 */
class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final List<String> LEAF_INPUTS = List.of("", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f");
    private static final List<String> ROOTS = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    @Test
    void rootHashes_matchTheReferenceTestVectors_forEveryTreeSize() {
        MerkleTree tree = new MerkleTree();
        assertThat(HEX.formatHex(tree.root(0))).isEqualTo(ROOTS.get(0));
        for (int size = 1; size <= LEAF_INPUTS.size(); size++) {
            tree.append(MerkleTree.leafHash(HEX.parseHex(LEAF_INPUTS.get(size - 1))));
            assertThat(HEX.formatHex(tree.root(size))).as("size " + size).isEqualTo(ROOTS.get(size));
        }
        for (int size = 0; size <= LEAF_INPUTS.size(); size++) {
            assertThat(HEX.formatHex(tree.root(size))).as("earlier size " + size).isEqualTo(ROOTS.get(size));
        }
    }

    @Test
    void everyInclusionProof_isAcceptedByAnIndependentVerifier_andByTheRfcAlgorithm() {
        List<byte[]> leaves = leaves(40);
        MerkleTree tree = tree(leaves);
        for (int size = 1; size <= leaves.size(); size++) {
            byte[] root = mth(leaves.subList(0, size));
            assertThat(tree.root(size)).isEqualTo(root);
            for (int index = 0; index < size; index++) {
                List<byte[]> proof = tree.inclusionProof(index, size);
                assertThat(rootFromInclusion(index, size, leaves.get(index), new ArrayDeque<>(proof)))
                        .as("independent, leaf %d of %d", index, size).isEqualTo(root);
                assertThat(MerkleTree.verifyInclusion(index, size, leaves.get(index), proof, root)).isTrue();
            }
        }
    }

    @Test
    void everyConsistencyProof_isAcceptedByAnIndependentVerifier_andByTheRfcAlgorithm() {
        List<byte[]> leaves = leaves(40);
        MerkleTree tree = tree(leaves);
        for (int second = 1; second <= leaves.size(); second++) {
            byte[] secondRoot = mth(leaves.subList(0, second));
            for (int first = 1; first <= second; first++) {
                byte[] firstRoot = mth(leaves.subList(0, first));
                List<byte[]> proof = tree.consistencyProof(first, second);
                byte[][] roots = rootsFromConsistency(first, second, firstRoot, proof);
                assertThat(roots).as("independent, %d to %d", first, second).isNotNull();
                assertThat(roots[0]).isEqualTo(firstRoot);
                assertThat(roots[1]).isEqualTo(secondRoot);
                assertThat(MerkleTree.verifyConsistency(first, second, firstRoot, secondRoot, proof))
                        .as("%d to %d", first, second).isTrue();
            }
        }
    }

    @Test
    void alteredProofs_areRefused() {
        List<byte[]> leaves = leaves(21);
        MerkleTree tree = tree(leaves);
        byte[] root = tree.root(21);
        List<byte[]> inclusion = tree.inclusionProof(13, 21);
        assertThat(MerkleTree.verifyInclusion(13, 21, leaves.get(12), inclusion, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(12, 21, leaves.get(13), inclusion, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(13, 14, leaves.get(13), inclusion, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(13, 21, leaves.get(13), flipped(inclusion, 2), root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(13, 21, leaves.get(13), inclusion.subList(0, 3), root)).isFalse();

        byte[] earlier = tree.root(7);
        List<byte[]> consistency = tree.consistencyProof(7, 21);
        assertThat(MerkleTree.verifyConsistency(7, 21, earlier, root, flipped(consistency, 0))).isFalse();
        assertThat(MerkleTree.verifyConsistency(7, 21, tree.root(6), root, consistency)).isFalse();
        assertThat(MerkleTree.verifyConsistency(8, 21, earlier, root, consistency)).isFalse();
        assertThat(MerkleTree.verifyConsistency(7, 21, earlier, root, List.of())).isFalse();
        // a log that rewrote its 5th leaf cannot prove it extends the tree an auditor kept
        List<byte[]> forked = new ArrayList<>(leaves);
        forked.set(4, MerkleTree.leafHash("rewritten".getBytes()));
        MerkleTree fork = tree(forked);
        assertThat(MerkleTree.verifyConsistency(7, 21, earlier, fork.root(21), fork.consistencyProof(7, 21)))
                .isFalse();
    }

    private static List<byte[]> flipped(List<byte[]> proof, int which) {
        List<byte[]> copy = new ArrayList<>(proof);
        byte[] hash = copy.get(which).clone();
        hash[0] ^= 1;
        copy.set(which, hash);
        return copy;
    }

    private static List<byte[]> leaves(int count) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leaves.add(MerkleTree.leafHash(("leaf " + i).getBytes()));
        }
        return leaves;
    }

    private static MerkleTree tree(List<byte[]> leaves) {
        MerkleTree tree = new MerkleTree();
        leaves.forEach(tree::append);
        return tree;
    }

    // ---------------------------------------------------------------- RFC 9162 section 2.1, recursively

    private static byte[] mth(List<byte[]> leafHashes) {
        if (leafHashes.size() == 1) {
            return leafHashes.get(0);
        }
        int k = Integer.highestOneBit(leafHashes.size() - 1);
        return node(mth(leafHashes.subList(0, k)), mth(leafHashes.subList(k, leafHashes.size())));
    }

    /** PATH(m, D[n]) ends with the sibling at the top: consume from the end while descending. */
    private static byte[] rootFromInclusion(int index, int size, byte[] leaf, Deque<byte[]> proof) {
        if (size == 1) {
            return proof.isEmpty() ? leaf : null;
        }
        if (proof.isEmpty()) {
            return null;
        }
        int k = Integer.highestOneBit(size - 1);
        byte[] sibling = proof.pollLast();
        if (index < k) {
            byte[] left = rootFromInclusion(index, k, leaf, proof);
            return left == null ? null : node(left, sibling);
        }
        byte[] right = rootFromInclusion(index - k, size - k, leaf, proof);
        return right == null ? null : node(sibling, right);
    }

    /** SUBPROOF(m, D[n], b): returns the old and new roots the proof implies, or null when it does not fit. */
    private static byte[][] rootsFromConsistency(int first, int second, byte[] firstRoot, List<byte[]> proof) {
        Deque<byte[]> rest = new ArrayDeque<>(proof);
        byte[][] roots = subproof(first, second, true, firstRoot, rest);
        return roots != null && rest.isEmpty() ? roots : null;
    }

    private static byte[][] subproof(int m, int n, boolean whole, byte[] firstRoot, Deque<byte[]> proof) {
        if (m == n) {
            if (whole) {
                return new byte[][] {firstRoot, firstRoot};
            }
            byte[] hash = proof.pollLast();
            return hash == null ? null : new byte[][] {hash, hash};
        }
        int k = Integer.highestOneBit(n - 1);
        byte[] top = proof.pollLast();
        if (top == null) {
            return null;
        }
        if (m <= k) {
            byte[][] inner = subproof(m, k, whole, firstRoot, proof);
            return inner == null ? null : new byte[][] {inner[0], node(inner[1], top)};
        }
        byte[][] inner = subproof(m - k, n - k, false, firstRoot, proof);
        return inner == null ? null : new byte[][] {node(top, inner[0]), node(top, inner[1])};
    }

    private static byte[] node(byte[] left, byte[] right) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((byte) 1);
            sha256.update(left);
            return sha256.digest(right);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
