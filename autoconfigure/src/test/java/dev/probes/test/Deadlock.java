package dev.probes.test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Two threads deadlocked for real on two {@link ReentrantLock}s, each waiting
 * interruptibly for the lock the other holds; {@link #close()} interrupts both, which
 * breaks the deadlock, so that the test JVM is left as it was.
 */
public final class Deadlock implements AutoCloseable {

	private final Thread first;

	private final Thread second;

	private Deadlock(String name) {
		ReentrantLock a = new ReentrantLock();
		ReentrantLock b = new ReentrantLock();
		CountDownLatch bothHoldOne = new CountDownLatch(2);
		this.first = new Thread(() -> lockBoth(a, b, bothHoldOne), name + "-1");
		this.second = new Thread(() -> lockBoth(b, a, bothHoldOne), name + "-2");
		this.first.setDaemon(true);
		this.second.setDaemon(true);
	}

	/**
	 * Start two threads that deadlock at once.
	 * @param name prefix of the threads' names
	 * @return the deadlock, to close when done
	 */
	public static Deadlock start(String name) {
		Deadlock deadlock = new Deadlock(name);
		deadlock.first.start();
		deadlock.second.start();
		return deadlock;
	}

	private static void lockBoth(ReentrantLock held, ReentrantLock wanted, CountDownLatch bothHoldOne) {
		held.lock();
		try {
			bothHoldOne.countDown();
			bothHoldOne.await(10, TimeUnit.SECONDS);
			wanted.lockInterruptibly();
			wanted.unlock();
		}
		catch (InterruptedException ex) {
			// Broken on purpose by close().
		}
		finally {
			held.unlock();
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.first.interrupt();
		this.second.interrupt();
		this.first.join(5000);
		this.second.join(5000);
	}

}
