#pragma once

#include <memory>
#include <utility>

namespace fluxo::ast {

/// Owns one heap-allocated AST node with value semantics: copying a Box copies the node and
/// comparing two Boxes compares the nodes they hold. Lets recursive AST types (an expression
/// whose operands are expressions) use defaulted copy and equality.
template <class T>
class Box {
 public:
  Box() = default;

  // NOLINTNEXTLINE(google-explicit-constructor): a Box is a transparent holder of its node.
  Box(T value) : node_(std::make_unique<T>(std::move(value))) {}

  Box(const Box& other) : node_(other.node_ ? std::make_unique<T>(*other.node_) : nullptr) {}

  Box(Box&&) noexcept = default;

  Box& operator=(const Box& other) {
    if (this != &other) {
      node_ = other.node_ ? std::make_unique<T>(*other.node_) : nullptr;
    }
    return *this;
  }

  Box& operator=(Box&&) noexcept = default;

  ~Box() = default;

  T& operator*() { return *node_; }

  const T& operator*() const { return *node_; }

  T* operator->() { return node_.get(); }

  const T* operator->() const { return node_.get(); }

  T* get() { return node_.get(); }

  const T* get() const { return node_.get(); }

  explicit operator bool() const { return node_ != nullptr; }

  friend bool operator==(const Box& left, const Box& right) {
    if (!left.node_ || !right.node_) {
      return left.node_ == right.node_;
    }
    return *left.node_ == *right.node_;
  }

 private:
  std::unique_ptr<T> node_;
};

}  // namespace fluxo::ast
