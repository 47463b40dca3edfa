package nl.trajectorytracker.query.phasestate;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A list of a {@link PhaseState} that its copy shares with it until one of them changes: each event's fold step
 * copies the whole state (twice) and appends to one of its lists, and copying every list in full made a step cost as
 * much as the trajectory's history (measured: with a few thousand notes a trajectory, the copies were two thirds of
 * the phase-state handler's time). A copy takes the same array and its own length; the first list to append past the
 * shared part appends in place, any other one, and any other change (set, insert, remove), works on a copy of its
 * own first, which is why those are meant for short lists. No list ever sees another's change: items below a list's
 * length are never written again.
 */
final class SharedAppendList<T> extends AbstractList<T> implements RandomAccess {

    private static final Object[] NONE = {};

    /** The array's items in use by some list; only the list of exactly this length may append in place. */
    private static final class Run {
        private int length;

        Run(int length) {
            this.length = length;
        }
    }

    private Object[] items;
    private int size;
    private Run run;

    private SharedAppendList(Object[] items, int size, Run run) {
        this.items = items;
        this.size = size;
        this.run = run;
    }

    /** A list with the items of {@code list}, sharing them when it is one of these. */
    static <T> List<T> copyOf(List<T> list) {
        if (list instanceof SharedAppendList<T> shared) {
            return new SharedAppendList<>(shared.items, shared.size, shared.run);
        }
        Object[] items = list == null || list.isEmpty() ? NONE : list.toArray();
        return new SharedAppendList<>(items, items.length, new Run(items.length));
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(int index) {
        Objects.checkIndex(index, size);
        return (T) items[index];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean add(T item) {
        modCount++;
        Run shared = run;
        synchronized (shared) {
            if (shared.length == size && size < items.length) {
                items[size++] = item;
                shared.length = size;
                return true;
            }
        }
        ownWithRoomFor(size + 1);
        items[size++] = item;
        run.length = size;
        return true;
    }

    @Override
    public void add(int index, T item) {
        if (index == size) {
            add(item);
            return;
        }
        Objects.checkIndex(index, size);
        modCount++;
        ownWithRoomFor(size + 1);
        System.arraycopy(items, index, items, index + 1, size - index);
        items[index] = item;
        run.length = ++size;
    }

    @Override
    public T set(int index, T item) {
        T previous = get(index);
        ownWithRoomFor(size);
        items[index] = item;
        return previous;
    }

    @Override
    public T remove(int index) {
        T removed = get(index);
        modCount++;
        ownWithRoomFor(size);
        System.arraycopy(items, index + 1, items, index, size - index - 1);
        items[--size] = null;
        run.length = size;
        return removed;
    }

    @Override
    public void clear() {
        modCount++;
        items = NONE;
        size = 0;
        run = new Run(0);
    }

    /** Moves this list's items to an array of its own, with room for {@code capacity} items at least. */
    private void ownWithRoomFor(int capacity) {
        Object[] own = new Object[Math.max(capacity, Math.max(8, size + (size >> 1)))];
        System.arraycopy(items, 0, own, 0, size);
        items = own;
        run = new Run(size);
    }
}
