package io.phonegate.devstack.cognito.users;

import io.phonegate.common.user.UserAttributes;
import io.phonegate.devstack.cognito.pool.LivePool;
import io.phonegate.devstack.cognito.wire.CognitoException;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The pool's users, in memory, by username. A restart starts empty. A user is found by its username
 * or, in a pool whose {@code UsernameAttributes} include {@code phone_number}, by its phone number,
 * as Cognito's admin calls accept either.
 */
public final class UserStore {

    private final TreeMap<String, User> users = new TreeMap<>();
    private final LivePool live;
    private final Clock clock;

    public UserStore(LivePool live) {
        this.live = live;
        this.clock = live.settings().clock();
    }

    /**
     * @param username the username, or {@code null} to let Cognito generate one (pools that sign in
     *                 by phone number: the generated username is the {@code sub})
     * @throws CognitoException UsernameExistsException, also for a phone number another user signs in with
     */
    public synchronized User create(String username, Map<String, String> attributes, User.UserStatus status) {
        String sub = UUID.randomUUID().toString();
        String name = username == null ? sub : username;
        if (users.containsKey(name)) {
            throw CognitoException.usernameExists("User already exists");
        }
        String phone = attributes.get(UserAttributes.PHONE_NUMBER);
        if (live.pool().phoneNumberIsUsername() && phone != null && byPhone(phone).isPresent()) {
            throw CognitoException.usernameExists("An account with the given phone_number already exists.");
        }
        Map<String, String> all = new LinkedHashMap<>();
        all.put(UserAttributes.SUB, sub);
        all.putAll(attributes);
        var now = clock.instant();
        User user = new User(name, sub, all, status, true, now, now);
        users.put(name, user);
        return user;
    }

    /** By username, or by phone number where the phone number is a username attribute. */
    public synchronized Optional<User> find(String name) {
        User user = users.get(name);
        if (user == null && live.pool().phoneNumberIsUsername()) {
            return byPhone(name);
        }
        return Optional.ofNullable(user);
    }

    /** @throws CognitoException UserNotFoundException */
    public User get(String name) {
        return find(name).orElseThrow(CognitoException::userNotFound);
    }

    public synchronized User confirm(String name) {
        User user = get(name);
        if (user.status() != User.UserStatus.UNCONFIRMED) {
            throw CognitoException.notAuthorized("User cannot be confirmed. Current status is " + user.status());
        }
        return put(user, User.UserStatus.CONFIRMED, user.attributes(), user.enabled());
    }

    /**
     * A password set by an admin: permanent makes a user who had to change its password {@code CONFIRMED};
     * temporary makes it change it at its next sign-in. An {@code UNCONFIRMED} user stays unconfirmed.
     */
    public synchronized User setPassword(String name, boolean permanent) {
        User user = get(name);
        User.UserStatus status = user.status() == User.UserStatus.UNCONFIRMED ? User.UserStatus.UNCONFIRMED
                : permanent ? User.UserStatus.CONFIRMED : User.UserStatus.FORCE_CHANGE_PASSWORD;
        return put(user, status, user.attributes(), user.enabled());
    }

    public synchronized User updateAttributes(String name, Map<String, String> changes) {
        User user = get(name);
        String phone = changes.get(UserAttributes.PHONE_NUMBER);
        if (live.pool().phoneNumberIsUsername() && phone != null
                && byPhone(phone).filter(other -> !other.username().equals(user.username())).isPresent()) {
            throw new CognitoException("AliasExistsException", 400, "An account with the given phone_number already exists.");
        }
        Map<String, String> attributes = new LinkedHashMap<>(user.attributes());
        changes.forEach((attribute, value) -> {
            if (value.isEmpty()) {
                attributes.remove(attribute);
            } else {
                attributes.put(attribute, value);
            }
        });
        return put(user, user.status(), attributes, user.enabled());
    }

    public synchronized User setEnabled(String name, boolean enabled) {
        User user = get(name);
        return put(user, user.status(), user.attributes(), enabled);
    }

    public synchronized User delete(String name) {
        User user = get(name);
        users.remove(user.username());
        return user;
    }

    /** Users after {@code afterUsername} (exclusive; null = from the start), in username order. */
    public synchronized List<User> list(Predicate<User> filter, String afterUsername, int limit) {
        var view = afterUsername == null ? users.values() : users.tailMap(afterUsername, false).values();
        return view.stream().filter(filter).limit(limit).toList();
    }

    public synchronized int size() {
        return users.size();
    }

    private Optional<User> byPhone(String phone) {
        return users.values().stream().filter(u -> phone.equals(u.attributes().get(UserAttributes.PHONE_NUMBER)))
                .findFirst();
    }

    private User put(User user, User.UserStatus status, Map<String, String> attributes, boolean enabled) {
        User changed = new User(user.username(), user.sub(), attributes, status, enabled, user.createdAt(), clock.instant());
        users.put(changed.username(), changed);
        return changed;
    }
}
