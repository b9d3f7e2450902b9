package io.phonegate.devstack.cognito.users;

import io.phonegate.devstack.cognito.wire.CognitoException;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

/** The pool's users, in memory, by username. A restart starts empty. */
public final class UserStore {

    private final TreeMap<String, User> users = new TreeMap<>();
    private final Clock clock;

    public UserStore(Clock clock) {
        this.clock = clock;
    }

    /** @throws CognitoException UsernameExistsException */
    public synchronized User create(String username, Map<String, String> attributes) {
        if (users.containsKey(username)) {
            throw CognitoException.usernameExists();
        }
        String sub = UUID.randomUUID().toString();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("sub", sub);
        all.putAll(attributes);
        var now = clock.instant();
        User user = new User(username, sub, all, User.UserStatus.UNCONFIRMED, true, now, now);
        users.put(username, user);
        return user;
    }

    public synchronized Optional<User> find(String username) {
        return Optional.ofNullable(users.get(username));
    }

    /** @throws CognitoException UserNotFoundException */
    public User get(String username) {
        return find(username).orElseThrow(CognitoException::userNotFound);
    }

    public synchronized User confirm(String username) {
        User user = get(username);
        if (user.status() != User.UserStatus.UNCONFIRMED) {
            throw CognitoException.notAuthorized("User cannot be confirmed. Current status is " + user.status());
        }
        return put(new User(username, user.sub(), user.attributes(), User.UserStatus.CONFIRMED, user.enabled(),
                user.createdAt(), clock.instant()));
    }

    public synchronized User updateAttributes(String username, Map<String, String> changes) {
        User user = get(username);
        Map<String, String> attributes = new LinkedHashMap<>(user.attributes());
        changes.forEach((name, value) -> {
            if (value.isEmpty()) {
                attributes.remove(name);
            } else {
                attributes.put(name, value);
            }
        });
        return put(new User(username, user.sub(), attributes, user.status(), user.enabled(), user.createdAt(), clock.instant()));
    }

    public synchronized User setEnabled(String username, boolean enabled) {
        User user = get(username);
        return put(new User(username, user.sub(), user.attributes(), user.status(), enabled, user.createdAt(), clock.instant()));
    }

    public synchronized User delete(String username) {
        User user = get(username);
        users.remove(username);
        return user;
    }

    /** Users after {@code afterUsername} (exclusive; null = from the start), in username order. */
    public synchronized List<User> list(Predicate<User> filter, String afterUsername, int limit) {
        var view = afterUsername == null ? users.values() : users.tailMap(afterUsername, false).values();
        return view.stream().filter(filter).limit(limit).toList();
    }

    private User put(User user) {
        users.put(user.username(), user);
        return user;
    }
}
